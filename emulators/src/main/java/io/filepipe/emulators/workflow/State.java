package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One parsed state. Optional paths and templates are null when the definition leaves them out. */
sealed interface State {

    String name();

    /** Where data flows in and out; a null path means the JSON {@code {}} (ASL's "null" path). */
    record DataFlow(String inputPath, String outputPath) {
        static final DataFlow DEFAULT = new DataFlow("$", "$");
    }

    /** Where a result goes: {@code discard} for ASL's {@code "ResultPath": null}. */
    record ResultPath(String path, boolean discard) {
        static final ResultPath REPLACE = new ResultPath("$", false);
        static final ResultPath DISCARD = new ResultPath(null, true);
    }

    /** How a retry's delay is randomised: FULL waits a uniformly random part of it, NONE all of it. */
    enum JitterStrategy { FULL, NONE }

    record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
                   Double maxDelaySeconds, JitterStrategy jitter) {
    }

    record Catcher(List<String> errorEquals, String next, ResultPath resultPath) {
    }

    /** Next state, or null with {@code end} true. */
    record Transition(String next, boolean end) {
    }

    record Pass(String name, DataFlow flow, PayloadTemplate parameters, JsonNode result, ResultPath resultPath,
                Transition transition) implements State {
    }

    /** @param timeoutSeconds how long one attempt may run before it fails with States.Timeout, or null for no limit */
    record Task(String name, DataFlow flow, String resource, PayloadTemplate parameters,
                PayloadTemplate resultSelector, ResultPath resultPath, Integer timeoutSeconds, List<Retrier> retry,
                List<Catcher> catchers, Transition transition) implements State {
    }

    record MapState(String name, DataFlow flow, String itemsPath, PayloadTemplate itemSelector,
                    StateMachine processor, int maxConcurrency, PayloadTemplate resultSelector,
                    ResultPath resultPath, List<Retrier> retry, List<Catcher> catchers, Transition transition)
            implements State {
    }

    record Choice(String name, DataFlow flow, List<ChoiceRule> choices, String defaultNext) implements State {
    }

    record Succeed(String name, DataFlow flow) implements State {
    }

    record Fail(String name, String error, String cause) implements State {
    }
}
