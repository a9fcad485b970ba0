package io.filepipe.local;

import io.filepipe.api.ApiConfig;
import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.embedded.EmbeddedS3;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.emulators.PrivateFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code backends}: runs only the three local backends on fixed loopback ports until Ctrl-C, for
 * starting the API (or the processor) by hand: DynamoDB Local, the S3 server and the token issuer,
 * with their data and the signing key under a directory, which it locks ({@link DataDirLock}) and
 * keeps private. Prints the environment to export and a token.
 */
final class BackendsCommand {

    private BackendsCommand() {
    }

    static int run(Path dataDir, int dynamoPort, int s3Port, int issuerPort, PrintStream out, PrintStream err)
            throws InterruptedException, IOException {
        DataDirLock lock;
        try {
            lock = DataDirLock.acquire(dataDir);
        } catch (DataDirLock.InUse e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            return 1;
        }
        PrivateFiles.restrict(dataDir);
        // a failed start must not leave the servers started before it running (their threads are not daemons)
        List<AutoCloseable> started = new ArrayList<>(List.of(lock));
        EmbeddedDynamoDb dynamo;
        EmbeddedS3 s3;
        LocalTokenIssuer issuer;
        try {
            dynamo = keep(started, EmbeddedDynamoDb.start(PrivateFiles.createDirectories(dataDir.resolve("dynamodb")),
                    dynamoPort));
            s3 = keep(started, EmbeddedS3.start(PrivateFiles.createDirectories(dataDir.resolve("s3")), s3Port));
            issuer = keep(started, LocalTokenIssuer.start(dataDir.resolve("signing-key.json"), issuerPort,
                    DevStack.CLIENT_ID, Clock.systemUTC()));
        } catch (RuntimeException | IOException e) {
            stop(started);
            throw e;
        }
        // the web app of an API started by hand on the default port signs in here and comes back to it
        issuer.allowRedirect(URI.create("http://127.0.0.1:" + ApiConfig.DEFAULT_PORT + "/"));
        issuer.allowRedirect(URI.create("http://localhost:" + ApiConfig.DEFAULT_PORT + "/"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(started);
            stopped.countDown();
        }, "stop-backends"));
        out.println("# backends are up; paste into the shell that runs the API:");
        out.println("export AWS_REGION=" + DevStack.REGION + " AWS_ACCESS_KEY_ID=" + LocalCredentials.ACCESS_KEY
                + " AWS_SECRET_ACCESS_KEY=" + LocalCredentials.SECRET_KEY);
        out.println("export AWS_ENDPOINT_URL_DYNAMODB=" + dynamo.endpoint() + " AWS_ENDPOINT_URL_S3=" + s3.endpoint());
        out.println("export " + ApiConfig.ISSUER + "=" + issuer.issuer() + " " + ApiConfig.JWKS_URL + "=" + issuer.jwksUri()
                + " " + ApiConfig.AUDIENCE + "=" + DevStack.CLIENT_ID + " " + ApiConfig.SIGN_IN_URL + "=" + issuer.url());
        out.println("# an IdToken for user 'dev', valid " + LocalTokenIssuer.TOKEN_LIFETIME.toMinutes() + " minutes:");
        out.println("export TOKEN=" + issuer.idToken("dev"));
        stopped.await();
        return 0;
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> started, T resource) {
        started.add(resource);
        return resource;
    }

    /** Stops what was started, the last first. */
    private static void stop(List<AutoCloseable> started) {
        for (AutoCloseable resource : started.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println(CommandLine.PROGRAM + ": stopping " + resource.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
