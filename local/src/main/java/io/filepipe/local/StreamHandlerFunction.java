package io.filepipe.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.emulators.workflow.LambdaFunction;
import io.filepipe.processor.ProcessorTimeouts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Runs a Lambda {@link RequestStreamHandler} in this JVM with the same bytes in and out as the
 * Lambda runtime would give it; a thrown exception becomes a function error whose errorType is
 * the exception's class name, as the Java runtime reports it.
 */
final class StreamHandlerFunction implements LambdaFunction {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The deadline each call gets, as a deployed function's timeout would give it. */
    static final ProcessorTimeouts TIMEOUTS = ProcessorTimeouts.defaults();

    private final RequestStreamHandler handler;
    private final String functionName;

    StreamHandlerFunction(RequestStreamHandler handler, String functionName) {
        this.handler = handler;
        this.functionName = functionName;
    }

    @Override
    public JsonNode invoke(JsonNode payload) throws FunctionError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(payload)), out,
                    new LocalContext(UUID.randomUUID().toString(), functionName, System.currentTimeMillis() + TIMEOUTS.functionTimeout().toMillis()));
        } catch (Exception e) {
            throw new FunctionError(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
        try {
            return out.size() == 0 ? JSON.nullNode() : JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new FunctionError("Lambda.InvalidResponse", "the function returned non-JSON output: "
                    + new String(out.toByteArray(), 0, Math.min(out.size(), 200), StandardCharsets.UTF_8));
        }
    }

    /** The invocation context a local call gets. */
    private record LocalContext(String awsRequestId, String functionName, long deadlineMillis) implements Context {

        @Override
        public String getAwsRequestId() {
            return awsRequestId;
        }

        @Override
        public String getLogGroupName() {
            return "/filepipe/local/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return DevStack.PROCESSOR_ARN;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.write(message, 0, message.length);
                }
            };
        }
    }
}
