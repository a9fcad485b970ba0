package io.filepipe.infra;

/**
 * How one Lambda function is sized.
 *
 * @param memoryMb            memory, which also buys CPU
 * @param timeoutSeconds      the longest one invocation may run
 * @param reservedConcurrency concurrent executions set aside for (and capping) the function, or
 *                            {@link #UNRESERVED} to share the account's pool
 */
public record FunctionSettings(int memoryMb, int timeoutSeconds, int reservedConcurrency) {

    /** Lambda's own value for "no reservation". */
    public static final int UNRESERVED = -1;
}
