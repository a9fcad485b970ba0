package io.filepipe.emulators.pipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.emulators.DynamoJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import java.util.Map;

/**
 * Turns a stream record from GetRecords into the JSON shape EventBridge Pipes delivers for a
 * DynamoDB source: {@code eventID, eventName, eventVersion, eventSource, awsRegion,
 * dynamodb{ApproximateCreationDateTime, Keys, NewImage, OldImage, SequenceNumber, SizeBytes,
 * StreamViewType}, eventSourceARN}.
 */
final class PipesRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipesRecords() {
    }

    static ObjectNode toPipesJson(Record record, String streamArn, String region) {
        ObjectNode out = JSON.createObjectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", record.eventVersion());
        out.put("eventSource", record.eventSource());
        out.put("awsRegion", region);
        StreamRecord stream = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        putImage(dynamodb, "Keys", stream.hasKeys() ? stream.keys() : null);
        putImage(dynamodb, "NewImage", stream.hasNewImage() ? stream.newImage() : null);
        putImage(dynamodb, "OldImage", stream.hasOldImage() ? stream.oldImage() : null);
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        dynamodb.put("SizeBytes", stream.sizeBytes());
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        out.put("eventSourceARN", streamArn);
        return out;
    }

    private static void putImage(ObjectNode parent, String field, Map<String, AttributeValue> image) {
        if (image != null && !image.isEmpty()) {
            parent.set(field, DynamoJson.fromItem(image));
        }
    }
}
