package io.filepipe.local;

import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.embedded.EmbeddedS3;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.LocalTokenIssuer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code backends}: runs only the three local backends on fixed loopback ports until Ctrl-C, for
 * starting the API (or the processor) by hand: DynamoDB Local, the S3 server and the token issuer,
 * with their data and the signing key under a directory. Prints the environment to export and a token.
 */
final class BackendsCommand {

    private BackendsCommand() {
    }

    static int run(Path dataDir, int dynamoPort, int s3Port, int issuerPort, PrintStream out) throws InterruptedException {
        // a failed start must not leave the servers started before it running (their threads are not daemons)
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(dataDir.resolve("dynamodb"), dynamoPort);
        EmbeddedS3 s3;
        LocalTokenIssuer issuer;
        try {
            s3 = EmbeddedS3.start(dataDir.resolve("s3"), s3Port);
            try {
                issuer = LocalTokenIssuer.start(dataDir.resolve("signing-key.json"), issuerPort, DevStack.CLIENT_ID,
                        Clock.systemUTC());
            } catch (RuntimeException e) {
                s3.close();
                throw e;
            }
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            issuer.close();
            s3.close();
            dynamo.close();
            stopped.countDown();
        }, "stop-backends"));
        out.println("# backends are up; paste into the shell that runs the API:");
        out.println("export AWS_REGION=" + DevStack.REGION + " AWS_ACCESS_KEY_ID=" + LocalCredentials.ACCESS_KEY
                + " AWS_SECRET_ACCESS_KEY=" + LocalCredentials.SECRET_KEY);
        out.println("export AWS_ENDPOINT_URL_DYNAMODB=" + dynamo.endpoint() + " AWS_ENDPOINT_URL_S3=" + s3.endpoint());
        out.println("export FILEPIPE_ISSUER=" + issuer.issuer() + " FILEPIPE_AUDIENCE=" + DevStack.CLIENT_ID);
        out.println("# an IdToken for user 'dev', valid " + LocalTokenIssuer.TOKEN_LIFETIME.toMinutes() + " minutes:");
        out.println("export TOKEN=" + issuer.idToken("dev"));
        stopped.await();
        return 0;
    }
}
