package io.filepipe.contract;

import static io.filepipe.contract.MotoApi.JsonService.SQS;
import static io.filepipe.contract.MotoApi.JsonService.STEP_FUNCTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.FileTable;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.infra.Pipeline;
import io.filepipe.infra.StackConfig;
import io.filepipe.testsupport.RequiresMoto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The pipe from the table's stream to the workflow, created in moto with the request the Pulumi
 * program's own pipe arguments make ({@link PulumiPipe}). moto's Pipes stores a pipe without validating or running it, so this checks the shape of
 * the request and that its parts (stream, state machine, queue) come from real moto resources;
 * the local PipeRunner and the Pulumi mock tests cover what the pipe does.
 */
@RequiresMoto
class PipesContractIT {

    private static MotoApi moto;
    private static String pipeName;
    private static Map<String, Object> request;
    private static JsonNode created;

    @BeforeAll
    static void pipeFromTableStreamToWorkflow() throws Exception {
        moto = MotoApi.shared();
        String table = SharedBackends.uniqueName("files");
        String streamArn;
        try (DynamoDbClient dynamo = moto.sdkClients().dynamoDb()) {
            streamArn = dynamo.createTable(FileTable.createRequest(table)).tableDescription().latestStreamArn();
        }
        String stateMachineArn = moto.ok(STEP_FUNCTIONS, "CreateStateMachine", PipelineRequests.createStateMachine(
                SharedBackends.uniqueName("filepipe"), PipelineRequests.workflow(table))).get("stateMachineArn").asText();
        String queueUrl = moto.ok(SQS, "CreateQueue", Map.of("QueueName", SharedBackends.uniqueName("pipe-dlq")))
                .get("QueueUrl").asText();
        String queueArn = moto.ok(SQS, "GetQueueAttributes",
                        Map.of("QueueUrl", queueUrl, "AttributeNames", List.of("QueueArn")))
                .at("/Attributes/QueueArn").asText();

        pipeName = SharedBackends.uniqueName("filepipe");
        request = PulumiPipe.createPipe(Pipeline::pipeArgs, PipelineRequests.PIPE_ROLE_ARN, streamArn, stateMachineArn, queueArn,
                PipelineRequests.PIPE_LOG_GROUP_ARN, StackConfig.read("contract", key -> Optional.empty()).pipeLogLevel());
        created = moto.pipes("POST", "/v1/pipes/" + pipeName, request);
    }

    @Test
    void motoAcceptsThePipe() {
        assertEquals("arn:aws:pipes:" + MotoApi.REGION + ":" + MotoApi.ACCOUNT_ID + ":pipe/" + pipeName,
                created.get("Arn").asText());
        assertEquals("RUNNING", created.get("DesiredState").asText());
    }

    @Test
    void describedPipeHasTheFilterAndTheParametersItWasCreatedWith() {
        JsonNode described = moto.pipes("GET", "/v1/pipes/" + pipeName, null);

        JsonNode sent = Http.JSON.valueToTree(request);
        for (String field : List.of("Source", "Target", "RoleArn", "SourceParameters", "TargetParameters", "LogConfiguration")) {
            assertEquals(sent.get(field), described.get(field), field);
        }
        String pattern = described.at("/SourceParameters/FilterCriteria/Filters/0/Pattern").asText();
        assertEquals(Http.parse(PipelineDefinition.filterPattern()), Http.parse(pattern));
    }

    @Test
    void thePipeCarriesCoresSettingsUnderTheApisFieldNames() {
        JsonNode described = moto.pipes("GET", "/v1/pipes/" + pipeName, null);
        PipeSettings settings = PipelineDefinition.settings();

        JsonNode stream = described.at("/SourceParameters/DynamoDBStreamParameters");
        assertEquals(settings.startingPosition(), stream.path("StartingPosition").asText());
        assertEquals(settings.batchSize(), stream.path("BatchSize").asInt());
        assertEquals(settings.maximumRetryAttempts(), stream.path("MaximumRetryAttempts").asInt());
        assertEquals(settings.parallelizationFactor(), stream.path("ParallelizationFactor").asInt());
        assertEquals(settings.maximumRecordAgeInSeconds(), stream.path("MaximumRecordAgeInSeconds").asInt());
        assertEquals(settings.invocationType(),
                described.at("/TargetParameters/StepFunctionStateMachineParameters/InvocationType").asText());
    }
}
