package io.filepipe.contract;

import static io.filepipe.contract.MotoApi.JsonService.EVENTS;
import static io.filepipe.contract.MotoApi.JsonService.SQS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.FileTable;
import io.filepipe.infra.Pipeline;
import io.filepipe.infra.StackConfig;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.RequiresMoto;
import io.filepipe.testsupport.SharedBackends;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The events pipe, from the table's stream to an event bus, created in moto with the request the
 * Pulumi program's own arguments make ({@link Pipeline#eventsPipeArgs} through {@link PulumiPipe}),
 * between a real moto table stream, event bus and queue. moto stores the pipe without running it:
 * the local runner ({@code ResultEventsIT}) covers what it does.
 */
@RequiresMoto
class EventsPipeContractIT {

    private static MotoApi moto;
    private static String pipeName;
    private static String busArn;
    private static Map<String, Object> request;
    private static JsonNode created;

    @BeforeAll
    static void pipeFromTableStreamToBus() throws Exception {
        moto = MotoApi.shared();
        String streamArn;
        try (DynamoDbClient dynamo = moto.sdkClients().dynamoDb()) {
            streamArn = dynamo.createTable(FileTable.createRequest(SharedBackends.uniqueName("files")))
                    .tableDescription().latestStreamArn();
        }
        busArn = moto.ok(EVENTS, "CreateEventBus", Map.of("Name", SharedBackends.uniqueName("events")))
                .get("EventBusArn").asText();
        String queueUrl = moto.ok(SQS, "CreateQueue", Map.of("QueueName", SharedBackends.uniqueName("events-dlq")))
                .get("QueueUrl").asText();
        String queueArn = moto.ok(SQS, "GetQueueAttributes",
                        Map.of("QueueUrl", queueUrl, "AttributeNames", List.of("QueueArn")))
                .at("/Attributes/QueueArn").asText();

        pipeName = SharedBackends.uniqueName("filepipe-events");
        request = PulumiPipe.createPipe(Pipeline::eventsPipeArgs, PipelineRequests.PIPE_ROLE_ARN, streamArn, busArn,
                queueArn, PipelineRequests.PIPE_LOG_GROUP_ARN,
                StackConfig.read("contract", key -> Optional.empty()).pipeLogLevel());
        created = moto.pipes("POST", "/v1/pipes/" + pipeName, request);
    }

    @Test
    void motoAcceptsTheEventsPipe() {
        assertEquals("arn:aws:pipes:" + MotoApi.REGION + ":" + MotoApi.ACCOUNT_ID + ":pipe/" + pipeName,
                created.get("Arn").asText());
        assertEquals("RUNNING", created.get("DesiredState").asText());
    }

    @Test
    void describedEventsPipeHasTheEventsFilterTheTemplateAndTheBusItWasCreatedWith() {
        JsonNode described = moto.pipes("GET", "/v1/pipes/" + pipeName, null);

        JsonNode sent = Http.JSON.valueToTree(request);
        for (String field : List.of("Source", "Target", "RoleArn", "SourceParameters", "TargetParameters", "LogConfiguration")) {
            assertEquals(sent.get(field), described.get(field), field);
        }
        assertEquals(busArn, described.get("Target").asText());
        assertEquals(Http.parse(PipelineDefinition.eventsFilterPattern()),
                Http.parse(described.at("/SourceParameters/FilterCriteria/Filters/0/Pattern").asText()));
        assertEquals(PipelineDefinition.eventsInputTemplate(), described.at("/TargetParameters/InputTemplate").asText());
        assertEquals(PipelineDefinition.EVENT_SOURCE,
                described.at("/TargetParameters/EventBridgeEventBusParameters/Source").asText());
        assertEquals(PipelineDefinition.EVENT_DETAIL_TYPE_PATH,
                described.at("/TargetParameters/EventBridgeEventBusParameters/DetailType").asText());
    }
}
