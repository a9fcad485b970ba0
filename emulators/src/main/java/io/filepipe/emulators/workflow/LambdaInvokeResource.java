package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code arn:aws:states:::lambda:invoke} with the functions given by ARN: the result is shaped
 * like the AWS integration's ({@code {"ExecutedVersion","Payload","StatusCode"}}), and a function
 * error becomes a task failure named after the errorType, with the same JSON cause AWS gives.
 */
public final class LambdaInvokeResource implements TaskResource {

    public static final String ARN = "arn:aws:states:::lambda:invoke";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, LambdaFunction> functions;

    public LambdaInvokeResource(Map<String, LambdaFunction> functions) {
        this.functions = Map.copyOf(functions);
    }

    @Override
    public JsonNode invoke(JsonNode parameters) {
        String name = parameters.path("FunctionName").asText();
        LambdaFunction function = functions.get(name);
        if (function == null) {
            throw new StateFailure("Lambda.ResourceNotFoundException", "Function not found: " + name);
        }
        String invocationType = parameters.path("InvocationType").asText("RequestResponse");
        if (!invocationType.equals("RequestResponse")) {
            throw StateFailure.runtime("InvocationType " + invocationType + " is not implemented locally");
        }
        try {
            JsonNode payload = function.invoke(parameters.has("Payload") ? parameters.get("Payload") : JSON.nullNode());
            ObjectNode result = JSON.createObjectNode();
            result.put("ExecutedVersion", "$LATEST");
            result.set("Payload", payload);
            result.put("StatusCode", 200);
            return result;
        } catch (LambdaFunction.FunctionError e) {
            ObjectNode cause = JSON.createObjectNode().put("errorMessage", e.getMessage()).put("errorType", e.errorType());
            throw new StateFailure(e.errorType(), cause.toString());
        }
    }
}
