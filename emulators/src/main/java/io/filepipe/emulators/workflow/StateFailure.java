package io.filepipe.emulators.workflow;

/**
 * A runtime error inside an execution, with the ASL error name ({@code States.Runtime},
 * {@code States.TaskFailed}, a Lambda errorType, {@code DynamoDB.ConditionalCheckFailedException}, …)
 * and its cause text, as Retry and Catch see them.
 */
public final class StateFailure extends RuntimeException {

    /** Error raised for path and data problems; AWS never lets Retry or Catch handle it. */
    public static final String RUNTIME = "States.Runtime";

    private final String error;
    private final String cause;

    public StateFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public static StateFailure runtime(String cause) {
        return new StateFailure(RUNTIME, cause);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
