package io.filepipe.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the three local backends on fixed loopback ports until interrupted, for starting the API
 * (or the processor) by hand: DynamoDB Local, the S3 server and the token issuer, with data and
 * the signing key kept under a directory. Prints the environment to export and a token.
 *
 * <pre>java -jar embedded/target/filepipe-embedded.jar [data-dir] [dynamodb-port] [s3-port] [issuer-port]</pre>
 */
public final class DevBackends {

    public static final String CLIENT_ID = "filepipe-local";

    private DevBackends() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : ".filepipe-dev");
        int dynamoPort = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        int s3Port = args.length > 2 ? Integer.parseInt(args[2]) : 9000;
        int issuerPort = args.length > 3 ? Integer.parseInt(args[3]) : 9100;
        // a failed start must not leave the servers started before it running (their threads are not daemons)
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(dataDir.resolve("dynamodb"), dynamoPort);
        EmbeddedS3 s3;
        LocalTokenIssuer issuer;
        try {
            s3 = EmbeddedS3.start(dataDir.resolve("s3"), s3Port);
            try {
                issuer = LocalTokenIssuer.start(dataDir.resolve("signing-key.json"), issuerPort, CLIENT_ID,
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
        System.out.println("# backends are up; paste into the shell that runs the API:");
        System.out.println("export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=" + LocalCredentials.ACCESS_KEY
                + " AWS_SECRET_ACCESS_KEY=" + LocalCredentials.SECRET_KEY);
        System.out.println("export AWS_ENDPOINT_URL_DYNAMODB=" + dynamo.endpoint() + " AWS_ENDPOINT_URL_S3=" + s3.endpoint());
        System.out.println("export FILEPIPE_ISSUER=" + issuer.issuer() + " FILEPIPE_AUDIENCE=" + CLIENT_ID);
        System.out.println("# an IdToken for user 'dev', valid " + LocalTokenIssuer.TOKEN_LIFETIME.toMinutes() + " minutes:");
        System.out.println("export TOKEN=" + issuer.idToken("dev"));
        stopped.await();
    }
}
