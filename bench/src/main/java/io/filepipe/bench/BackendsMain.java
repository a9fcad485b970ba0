package io.filepipe.bench;

import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.embedded.EmbeddedS3;
import io.filepipe.embedded.LocalTokenIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The backends child process: DynamoDB Local, the S3 server and the token issuer on ephemeral
 * loopback ports, in memory ({@code --in-memory}) or on disk under a directory, so the API's CPU
 * and memory can be read apart from theirs. Prints one line, {@value #READY} followed by the
 * endpoints as JSON, and runs until stdin closes (the bench ended) or SIGTERM.
 *
 * <pre>java -cp filepipe-bench.jar io.filepipe.bench.BackendsMain (--in-memory | DATA_DIR)</pre>
 */
public final class BackendsMain {

    static final String READY = "BACKENDS-READY ";

    private BackendsMain() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", BenchMain.LOG_CONFIG);
        }
        if (args.length != 1) {
            System.err.println("usage: BackendsMain (--in-memory | DATA_DIR)");
            System.exit(2);
        }
        Path dir = args[0].equals("--in-memory") ? null : Path.of(args[0]);
        EmbeddedDynamoDb dynamo = dir == null ? EmbeddedDynamoDb.inMemory() : EmbeddedDynamoDb.onDisk(dir.resolve("dynamodb"));
        EmbeddedS3 s3 = dir == null ? EmbeddedS3.inMemory() : EmbeddedS3.onDisk(dir.resolve("s3"));
        LocalTokenIssuer issuer = LocalTokenIssuer.start(null, 0, Backends.CLIENT_ID, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            issuer.close();
            s3.close();
            dynamo.close();
        }, "stop-backends"));
        System.out.println(READY + "{\"dynamodb\":\"" + dynamo.endpoint() + "\",\"s3\":\"" + s3.endpoint()
                + "\",\"issuer\":\"" + issuer.issuer() + "\"}");
        System.out.flush();
        // the bench holds our stdin open; when it ends, for whatever reason, so do we
        while (System.in.read() >= 0) {
            // nothing is ever sent
        }
        System.exit(0);
    }
}
