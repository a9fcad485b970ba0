package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** A function the local {@code lambda:invoke} integration can call: JSON in, JSON out. */
@FunctionalInterface
public interface LambdaFunction {

    /**
     * Runs the function. A function error is reported as {@link FunctionError} carrying the
     * errorType that the Lambda runtime would report (the exception's class name).
     */
    JsonNode invoke(JsonNode payload) throws FunctionError;

    /** What the Lambda runtime reports when a handler throws. */
    final class FunctionError extends Exception {

        private final String errorType;

        public FunctionError(String errorType, String errorMessage) {
            super(errorMessage, null, false, false);
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }
    }
}
