package io.filepipe.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.ConfigException;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code reconcile}: one reconciliation of the stack running in a data directory, now, from this
 * process — stuck files are re-driven through the same state machine with the processor in
 * process, against the stack's own backends; the report is printed as JSON. Ages come from
 * {@code FILEPIPE_RECONCILE_PENDING_AGE} / {@code FILEPIPE_RECONCILE_PROCESSING_AGE}
 * ({@link ReconcileSettings}; the processing age follows the lease unless set), the processor's lease from
 * {@code FILEPIPE_LEASE} ({@link ProcessorConfig}).
 */
final class ReconcileCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What this command reads from its environment. */
    record Settings(ReconcileSettings reconcile, Duration lease) {
        static Settings from(Env env) {
            Duration lease = ProcessorConfig.lease(env);
            return new Settings(ReconcileSettings.from(env, lease), lease);
        }
    }

    private ReconcileCommand() {
    }

    /** Exit status 2 for a malformed environment, 1 without a stack or when a batch failed. */
    static int run(Path dataDir, Map<String, String> environment, PrintStream out, PrintStream err) throws IOException {
        Settings settings;
        StackFile stack;
        try {
            settings = Env.parse(environment, Settings::from);
        } catch (ConfigException e) {
            err.println("filepipe-local: " + String.join("; ", e.problems()));
            return 2;
        }
        try {
            stack = StackFile.read(dataDir);
        } catch (StackFile.NoStackRunning e) {
            err.println("filepipe-local: " + e.getMessage());
            return 1;
        }
        AwsClients clients = stack.clients();
        try (DynamoDbClient dynamo = clients.dynamoDb(); S3Client s3 = clients.s3(); S3Presigner presigner = clients.s3Presigner()) {
            S3BlobStore blobs = new S3BlobStore(s3, presigner, stack.bucket());
            DynamoDbFileStore files = new DynamoDbFileStore(dynamo, stack.table(), DevStack.SWEEP_SHARDS);
            WorkflowRunner workflow = DevStack.workflow(dynamo, DevStack.processorFunction(stack.aws(), files, blobs,
                            settings.lease()),
                    Sleeper.REAL, stack.inMemory() ? null : dataDir.resolve("executions"));
            ReconcileReport report = new Reconciler(files, blobs,
                    batch -> DevStack.execute(workflow, batch.name(), batch.toJson()), Clock.systemUTC(),
                    settings.reconcile()).run();
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.failedBatches().isEmpty() ? 0 : 1;
        }
    }
}
