package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.core.internal.TransientErrors;
import io.filepipe.emulators.DynamoJson;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@code arn:aws:states:::dynamodb:updateItem} against a real DynamoDB endpoint: the parameters
 * are the UpdateItem API's, errors are named {@code DynamoDB.<Exception>} as in Step Functions.
 */
public final class DynamoDbUpdateItemResource implements TaskResource {

    public static final String ARN = "arn:aws:states:::dynamodb:updateItem";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;

    public DynamoDbUpdateItemResource(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Override
    public JsonNode invoke(JsonNode p) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(p.path("TableName").asText())
                .key(DynamoJson.toItem(p.path("Key")));
        if (p.has("UpdateExpression")) {
            request.updateExpression(p.get("UpdateExpression").asText());
        }
        if (p.has("ConditionExpression")) {
            request.conditionExpression(p.get("ConditionExpression").asText());
        }
        if (p.has("ExpressionAttributeNames")) {
            Map<String, String> names = new LinkedHashMap<>();
            p.get("ExpressionAttributeNames").properties().forEach(e -> names.put(e.getKey(), e.getValue().asText()));
            request.expressionAttributeNames(names);
        }
        if (p.has("ExpressionAttributeValues")) {
            request.expressionAttributeValues(DynamoJson.toItem(p.get("ExpressionAttributeValues")));
        }
        if (p.has("ReturnValues")) {
            request.returnValues(p.get("ReturnValues").asText());
        }
        try {
            UpdateItemResponse response = dynamo.updateItem(request.build());
            ObjectNode result = JSON.createObjectNode();
            if (response.hasAttributes()) {
                result.set("Attributes", DynamoJson.fromItem(response.attributes()));
            }
            return result;
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            throw new StateFailure("DynamoDB." + code, e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage() + " (Service: DynamoDb, Status Code: " + e.statusCode() + ")");
        } catch (SdkException e) {
            throw new StateFailure(TransientErrors.isTransient(e) ? "DynamoDB.SdkClientException" : "DynamoDB.AmazonDynamoDBException",
                    e.getMessage());
        }
    }
}
