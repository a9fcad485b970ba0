package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.reconcile.Reconciler;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.MotoServer;
import io.filepipe.testsupport.SharedBackends;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The scheduled reconciler with a real Step Functions API (moto's): a stuck file is handed to
 * the state machine with StartExecution, in the input shape the pipe uses.
 */
class ReconcileHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStuckFileIsRedrivenThroughTheStateMachine() throws Exception {
        Assumptions.assumeTrue(MotoServer.usableForTests(), "moto is not installed");
        AwsClients clients = LocalClients.of(SharedBackends.settings()
                .withStepFunctionsEndpoint(MotoServer.shared().endpoint()));
        DynamoDbClient dynamo = clients.dynamoDb();
        String table = SharedBackends.uniqueName("reconcile");
        String bucket = SharedBackends.uniqueName("reconcile");
        FileTable.createIfMissing(dynamo, table);
        clients.s3().createBucket(r -> r.bucket(bucket));
        try (SfnClient sfn = clients.configureSync(SfnClient.builder(), MotoServer.shared().endpoint()).build()) {
            String stateMachine = sfn.createStateMachine(r -> r.name(SharedBackends.uniqueName("filepipe"))
                    .roleArn("arn:aws:iam::" + MotoServer.ACCOUNT_ID + ":role/filepipe-workflow")
                    .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}"))
                    .stateMachineArn();
            DynamoDbFileStore files = new DynamoDbFileStore(dynamo, table, SweepShards.DEFAULTS);
            Instant longAgo = Instant.now().minus(Duration.ofHours(2));
            UserId user = new UserId(SharedBackends.uniqueName("user"));
            FileRecord stuck = FileRecord.pending(user, FileId.newId(longAgo), FileName.of("s.txt"), "", 1,
                    "text/plain", "00", longAgo);
            files.create(stuck);
            ReconcileHandler handler = new ReconcileHandler(new Reconciler(files,
                    new S3BlobStore(clients.s3(), clients.s3Presigner(), bucket), new StepFunctionsRedrive(sfn, stateMachine),
                    Clock.systemUTC(), new ReconcileSettings(Duration.ofMinutes(15), Duration.ofMinutes(20), 10, 100)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            handler.handleRequest(new ByteArrayInputStream("{}".getBytes()), out, new FakeContext("reconcile-test"));

            JsonNode report = JSON.readTree(out.toByteArray());
            assertEquals(1, report.get("redriven").asInt(), report.toString());
            List<ExecutionListItem> executions = sfn.listExecutions(r -> r.stateMachineArn(stateMachine)).executions();
            assertEquals(1, executions.size());
            JsonNode input = JSON.readTree(sfn.describeExecution(r -> r.executionArn(executions.getFirst().executionArn())).input());
            assertEquals("INSERT", input.get(0).get("eventName").asText());
            assertEquals("FILE#" + stuck.fileId().value(), input.get(0).at("/dynamodb/Keys/SK/S").asText());
            assertTrue(executions.getFirst().name().startsWith("reconcile-"));
        }
    }
}
