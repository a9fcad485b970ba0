package io.filepipe.core.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.store.UnfinishedFile;
import java.util.List;

/**
 * Files handed to the workflow again, under an execution name unique to this re-drive. The
 * workflow reads only {@code dynamodb.Keys} of each record, so the records carry just that, marked
 * with {@code eventSource} {@value #EVENT_SOURCE} so a history shows where they came from.
 */
public record RedriveBatch(String name, List<UnfinishedFile> files) {

    public static final String EVENT_SOURCE = "filepipe:reconciler";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RedriveBatch {
        files = List.copyOf(files);
    }

    /** The workflow input: an array of stream records in the shape EventBridge Pipes delivers. */
    public ArrayNode toJson() {
        ArrayNode records = JSON.createArrayNode();
        for (UnfinishedFile file : files) {
            ObjectNode record = records.addObject();
            record.put("eventID", name + "-" + file.fileId().value());
            record.put("eventName", "INSERT");
            record.put("eventSource", EVENT_SOURCE);
            ObjectNode keys = record.putObject("dynamodb").putObject("Keys");
            keys.putObject(KeyScheme.PK).put("S", KeyScheme.partitionKey(file.userId()));
            keys.putObject(KeyScheme.SK).put("S", KeyScheme.fileSortKey(file.fileId()));
        }
        return records;
    }
}
