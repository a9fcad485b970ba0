package io.filepipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.Env;
import io.filepipe.core.reconcile.ReconcileReport;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.reconcile.Reconciler;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.workflow.WorkflowRunner;
import io.filepipe.processor.ProcessorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code reconcile}: one reconciliation of the stack running in a data directory, now, from this
 * process — stuck files are re-driven through the same state machine with the processor in
 * process, against the stack's own backends; the report is printed as JSON. Ages come from
 * {@code FILEPIPE_RECONCILE_PENDING_AGE} / {@code FILEPIPE_RECONCILE_PROCESSING_AGE}.
 */
final class ReconcileCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconcileCommand() {
    }

    static int run(Path dataDir, PrintStream out) throws IOException {
        Path file = DevStack.stackFile(dataDir);
        if (!Files.exists(file)) {
            System.err.println("filepipe-local: no running stack in " + dataDir + " (start one with: up)");
            return 1;
        }
        JsonNode stack = JSON.readTree(file.toFile());
        AwsSettings aws = AwsSettings.forEndpoints(stack.get("region").asText(), URI.create(stack.get("s3").asText()),
                URI.create(stack.get("dynamodb").asText()));
        AwsClients clients = new AwsClients(aws, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                stack.get("accessKeyId").asText(), stack.get("secretAccessKey").asText())));
        ReconcileSettings settings = ReconcileSettings.from(Env.system());
        try (DynamoDbClient dynamo = clients.dynamoDb(); S3Client s3 = clients.s3(); S3Presigner presigner = clients.s3Presigner()) {
            S3BlobStore blobs = new S3BlobStore(s3, presigner, stack.get("bucket").asText());
            WorkflowRunner workflow = DevStack.workflow(dynamo, DevStack.processorFunction(aws, dynamo, blobs,
                            Env.system().duration("FILEPIPE_LEASE", ProcessorConfig.DEFAULT_LEASE)),
                    Sleeper.REAL, stack.get("inMemory").asBoolean() ? null : dataDir.resolve("executions"));
            ReconcileReport report = new Reconciler(new DynamoDbFileStore(dynamo, stack.get("table").asText()), blobs,
                    batch -> DevStack.execute(workflow, batch.name(), batch.toJson()), Clock.systemUTC(), settings).run();
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.failedBatches().isEmpty() ? 0 : 1;
        }
    }
}
