package io.filepipe.testsupport.lambda;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.embedded.EmbeddedS3;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.TestImages;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Lambda's side of the stream-processor image's AOT training run (Dockerfile.processor's last RUN):
 * DynamoDB Local and the S3 server in memory, the file table and the bucket, two uploaded files with
 * their {@code PENDING} items (a 1024x768 JPEG, so the image path and its thumbnails run, and a text
 * file), and a fake Runtime API that queues one invocation for each. Prints the environment for
 * the function as {@code export} lines, the Runtime API's address last, then waits for both answers
 * and closes the Runtime API, which makes the runtime client exit and its JVM write the cache.
 * Exits 0 when both files were answered {@code PROCESSED}, 1 otherwise (naming what came back).
 *
 * <pre>java -cp filepipe-test-support.jar io.filepipe.testsupport.lambda.ProcessorTraining</pre>
 */
public final class ProcessorTraining {

    private static final String TABLE = "training";
    private static final String BUCKET = "training";
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private ProcessorTraining() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Serves the training's two invocations; true when both were answered as processed. */
    private static boolean run(PrintStream out) throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory();
             EmbeddedS3 s3 = EmbeddedS3.inMemory();
             FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            AwsSettings settings = AwsSettings.forEndpoints(LocalClients.REGION, s3.endpoint(), dynamo.endpoint());
            AwsClients clients = LocalClients.of(settings);
            List<FakeLambdaRuntime.Invocation> invocations;
            try (DynamoDbClient dynamoDb = clients.dynamoDb(); S3Client s3Client = clients.s3();
                 S3Presigner presigner = clients.s3Presigner()) {
                FileTable.createIfMissing(dynamoDb, TABLE);
                S3BlobStore.createBucketIfMissing(s3Client, BUCKET);
                Uploads uploads = new Uploads(new S3BlobStore(s3Client, presigner, BUCKET),
                        new DynamoDbFileStore(dynamoDb, TABLE, SweepShards.DEFAULTS));
                invocations = List.of(
                        runtime.invoke(keys(uploads.pending("photo.jpg", TestImages.jpeg(1024, 768)))),
                        runtime.invoke(keys(uploads.pending("note.txt", "a note".getBytes(StandardCharsets.UTF_8)))));
            }

            Map<String, String> env = new LinkedHashMap<>(LocalClients.environment(settings));
            env.put("FILEPIPE_TABLE", TABLE);
            env.put("FILEPIPE_BUCKET", BUCKET);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "filepipe-processor-training");
            out.println(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" ", "export ", "")));
            // last: the caller starts the function once it reads this line
            out.println("export AWS_LAMBDA_RUNTIME_API=" + runtime.address());
            out.flush();

            boolean processed = true;
            for (FakeLambdaRuntime.Invocation invocation : invocations) {
                FakeLambdaRuntime.Reply reply = invocation.awaitReply(ANSWER_TIMEOUT);
                if (reply.kind() != FakeLambdaRuntime.Reply.Kind.RESPONSE || !reply.body().contains("\"PROCESSED\"")) {
                    System.err.println("training invocation " + invocation.event() + " answered " + reply);
                    processed = false;
                }
            }
            return processed;
        }
    }

    /** The event the workflow passes: the item's key. */
    private static String keys(FileRecord file) {
        return "{\"pk\":\"" + KeyScheme.partitionKey(file.userId()) + "\",\"sk\":\"" + KeyScheme.fileSortKey(file.fileId())
                + "\"}";
    }

    /** Stores files as the upload API does: the object first, then its PENDING item. */
    private record Uploads(S3BlobStore blobs, DynamoDbFileStore files) {
        FileRecord pending(String name, byte[] data) {
            Instant now = Timestamps.truncate(Instant.now());
            FileRecord record = FileRecord.pending(new UserId(LocalTokenIssuer.subjectOf("training")), FileId.newId(now),
                    FileName.of(name), "", data.length, ContentSniffer.sniff(data).mimeType(), Sha256.hex(data), now);
            blobs.put(record.s3Key(), data, record.contentType(), Sha256.of(data));
            files.create(record);
            return record;
        }
    }
}
