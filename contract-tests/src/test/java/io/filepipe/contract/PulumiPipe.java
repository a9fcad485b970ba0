package io.filepipe.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.aws.pipes.Pipe;
import com.pulumi.aws.pipes.PipeArgs;
import com.pulumi.core.Output;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.filepipe.infra.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The body of CreatePipe, taken from the Pulumi program itself: the program's pipe arguments run on
 * Pulumi's mocks with the ARNs of real moto resources, and the inputs the mocks record for the
 * pipe become the request, field by field. moto so receives what Pulumi deploys; a parameter added
 * to, or changed in, the program reaches moto without a change here.
 */
final class PulumiPipe {

    private static final String PIPE = "aws:pipes/pipe:Pipe";
    /** The provider's names are CreatePipe's with a lower-case first letter, except this one. */
    private static final Map<String, String> API_NAMES = Map.of("dynamodbStreamParameters", "DynamoDBStreamParameters",
            "eventbridgeEventBusParameters", "EventBridgeEventBusParameters");

    private PulumiPipe() {
    }

    /**
     * CreatePipe's body for the pipe the program declares with {@code pipeArgs} (
     * {@link Pipeline#pipeArgs} or {@link Pipeline#eventsPipeArgs}) between these resources.
     */
    static Map<String, Object> createPipe(BiFunction<Pipeline.PipeArns, String, PipeArgs> pipeArgs, String role,
                                          String stream, String target, String deadLetters, String logGroup,
                                          String logLevel) throws Exception {
        // JDK 25 with a single-worker common pool livelocks the Pulumi SDK (pulumi-java#2270): fail, not hang
        assertTrue(Runtime.version().feature() < 25 || ForkJoinPool.getCommonPoolParallelism() >= 2,
                "run with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 (this module's pom sets it)");
        Recording mocks = new Recording();
        Pipeline.PipeArns arns = new Pipeline.PipeArns(Output.of(role), Output.of(stream), Output.of(target),
                Output.of(deadLetters), Output.of(logGroup));
        try {
            TestResult result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder().projectName("filepipe").stackName("contract").build())
                    .runTestAsync(ctx -> new Pipe("filepipe-pipe", pipeArgs.apply(arns, logLevel)))
                    .get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), result.exceptions());
        } finally {
            PulumiTest.cleanup();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) apiValue(mocks.pipeInputs);
        return body;
    }

    /** A provider value as CreatePipe's JSON: AWS's field names; whole numbers, which arrive as doubles, as the API's integers. */
    private static Object apiValue(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                map.forEach((name, field) -> fields.put(apiName((String) name), apiValue(field)));
                yield fields;
            }
            case List<?> list -> list.stream().map(PulumiPipe::apiValue).toList();
            case Double number when number == (int) number.doubleValue() -> number.intValue();
            default -> value;
        };
    }

    private static String apiName(String providerName) {
        return API_NAMES.getOrDefault(providerName,
                Character.toUpperCase(providerName.charAt(0)) + providerName.substring(1));
    }

    /** Records the pipe's inputs as the engine received them; the program reads nothing back. */
    private static final class Recording implements Mocks {

        private volatile Map<String, Object> pipeInputs;

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs resource) {
            if (PIPE.equals(resource.type)) {
                pipeInputs = resource.inputs;
            }
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(resource.name + "-id"), resource.inputs));
        }
    }
}
