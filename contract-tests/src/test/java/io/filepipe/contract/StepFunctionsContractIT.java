package io.filepipe.contract;

import static io.filepipe.contract.MotoApi.JsonService.STEP_FUNCTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.workflow.ExecutionResult;
import io.filepipe.emulators.workflow.StateMachine;
import io.filepipe.emulators.workflow.WorkflowRunner;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.testsupport.RequiresMoto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * moto's Step Functions (which parses ASL with the AWS grammar and really executes JSONPath
 * definitions) as the oracle for the workflow definition and for the local WorkflowRunner.
 */
@RequiresMoto
class StepFunctionsContractIT {

    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> DIFFERENTIAL_CASES = List.of(
            "pass-data-flow", "choice-routing", "map-over-stream-records", "map-with-result-path", "fail");

    private static MotoApi moto;
    private static final Map<String, String> stateMachineArns = new ConcurrentHashMap<>();

    @BeforeAll
    static void sharedMoto() {
        moto = MotoApi.shared();
    }

    /** How an execution ended, in the terms both runners share. */
    record Outcome(String status, JsonNode output, String error, String cause) {

        static Outcome of(ExecutionResult result) {
            return switch (result) {
                case ExecutionResult.Succeeded s -> new Outcome("SUCCEEDED", s.output(), null, null);
                case ExecutionResult.Failed f -> new Outcome("FAILED", null, f.error(), f.cause());
            };
        }

        static Outcome of(JsonNode execution) {
            JsonNode output = execution.hasNonNull("output") ? Http.parse(execution.get("output").asText()) : null;
            return new Outcome(execution.get("status").asText(), output,
                    execution.path("error").asText(null), execution.path("cause").asText(null));
        }
    }

    @Test
    void motoAcceptsTheWorkflowAndStoresItUnchanged() {
        String definition = PipelineRequests.workflow("files");

        String arn = moto.ok(STEP_FUNCTIONS, "CreateStateMachine",
                        PipelineRequests.createStateMachine(SharedBackends.uniqueName("filepipe"), definition))
                .get("stateMachineArn").asText();

        JsonNode described = moto.ok(STEP_FUNCTIONS, "DescribeStateMachine", Map.of("stateMachineArn", arn));
        assertEquals(Http.parse(definition), Http.parse(described.get("definition").asText()));
    }

    @Test
    void motoRejectsTheWorkflowWithOneFieldMisspelt() {
        String broken = PipelineRequests.workflow("files").replace("\"ItemProcessor\"", "\"ItemProcesor\"");

        var reply = moto.call(STEP_FUNCTIONS, "CreateStateMachine",
                PipelineRequests.createStateMachine(SharedBackends.uniqueName("broken"), broken));

        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().get("message").asText().contains("ItemProcesor"), reply.body());
    }

    static Stream<Arguments> differentialCases() {
        return DIFFERENTIAL_CASES.stream().flatMap(name -> {
            JsonNode file = readCase(name);
            return StreamSupport.stream(file.get("inputs").spliterator(), false)
                    .map(input -> Arguments.of(name, input));
        });
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("differentialCases")
    void localRunnerEndsLikeMoto(String caseName, JsonNode input) throws Exception {
        String definition = readCase(caseName).get("definition").toString();
        WorkflowRunner local = new WorkflowRunner(StateMachine.parse(definition), Map.of(), Sleeper.REAL,
                new Random(), Clock.systemUTC(), null);

        String stateMachineArn = stateMachineArns.computeIfAbsent(caseName, name -> createInMoto(name, definition));
        Outcome inMoto = runInMoto(stateMachineArn, input);
        Outcome inLocalRunner = Outcome.of(local.execute(SharedBackends.uniqueName("local"), input));

        assertEquals(inMoto, inLocalRunner);
    }

    private static String createInMoto(String caseName, String definition) {
        return moto.ok(STEP_FUNCTIONS, "CreateStateMachine", Map.of(
                "name", SharedBackends.uniqueName(caseName),
                "definition", definition,
                "roleArn", PipelineRequests.WORKFLOW_ROLE_ARN)).get("stateMachineArn").asText();
    }

    /** Starts an execution (always named: moto names a nameless one "None") and polls until it ends. */
    private static Outcome runInMoto(String stateMachineArn, JsonNode input) throws Exception {
        String executionArn = moto.ok(STEP_FUNCTIONS, "StartExecution", Map.of(
                "stateMachineArn", stateMachineArn,
                "name", SharedBackends.uniqueName("run"),
                "input", input.toString())).get("executionArn").asText();
        // moto tells nobody when an execution ends: ask it
        return Outcome.of(Await.until(executionArn + " ended in moto", EXECUTION_TIMEOUT,
                () -> moto.ok(STEP_FUNCTIONS, "DescribeExecution", Map.of("executionArn", executionArn)),
                execution -> !execution.get("status").asText().equals("RUNNING")));
    }

    private static JsonNode readCase(String name) {
        try (InputStream in = StepFunctionsContractIT.class.getResourceAsStream("/asl/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("asl/" + name + ".json is missing");
            }
            return Http.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
