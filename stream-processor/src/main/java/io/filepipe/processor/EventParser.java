package io.filepipe.processor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the invocation input. Accepted shapes, alone or as the elements of a JSON array:
 * <ul>
 *   <li>the keys document {@code {"pk":"USER#<sub>","sk":"FILE#<fileId>"}} that the workflow's
 *       ItemSelector builds from a stream record (the recommended shape);</li>
 *   <li>a DynamoDB stream record as EventBridge Pipes delivers it; only {@code eventName} (must be
 *       {@code INSERT}) and {@code dynamodb.Keys} are read.</li>
 * </ul>
 * The stream's {@code NewImage} is never trusted: the processor re-reads the item when it claims
 * it. Anything else fails the whole input with {@link InvalidEventException} before any file is
 * touched.
 */
final class EventParser {

    private static final String INSERT = "INSERT";

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public ProcessorEvent parse(InputStream input) {
        JsonNode root;
        try {
            root = json.readTree(input);
        } catch (IOException e) {
            throw new InvalidEventException("event is not valid JSON", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException("event is empty");
        }
        if (root.isArray()) {
            List<FileRef> files = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                files.add(parseFile(root.get(i), "event[" + i + "]"));
            }
            return new ProcessorEvent(files, true);
        }
        if (root.isObject()) {
            return new ProcessorEvent(List.of(parseFile(root, "event")), false);
        }
        throw new InvalidEventException("event must be a JSON object or an array of objects");
    }

    private static FileRef parseFile(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidEventException(where + " must be a JSON object");
        }
        if (node.has("dynamodb")) {
            return fromStreamRecord(node, where);
        }
        if (node.has("pk") || node.has("sk")) {
            return fromKeys(text(node.get("pk"), where + ".pk"), text(node.get("sk"), where + ".sk"), where);
        }
        throw new InvalidEventException(where + " is neither a {\"pk\",\"sk\"} document nor a DynamoDB stream record");
    }

    private static FileRef fromStreamRecord(JsonNode record, String where) {
        JsonNode eventName = record.get("eventName");
        if (eventName == null || !INSERT.equals(eventName.asText(null))) {
            throw new InvalidEventException(where + ".eventName must be INSERT: only new files are processed");
        }
        JsonNode keys = record.path("dynamodb").path("Keys");
        String keysPath = where + ".dynamodb.Keys";
        return fromKeys(
                text(keys.path(KeyScheme.PK).get("S"), keysPath + "." + KeyScheme.PK + ".S"),
                text(keys.path(KeyScheme.SK).get("S"), keysPath + "." + KeyScheme.SK + ".S"),
                where);
    }

    private static FileRef fromKeys(String pk, String sk, String where) {
        UserId userId;
        FileId fileId;
        try {
            userId = KeyScheme.userOf(pk);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(where + ": partition key is not USER#<sub>", e);
        }
        try {
            fileId = KeyScheme.fileOf(sk);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(where + ": sort key is not FILE#<fileId>", e);
        }
        return new FileRef(userId, fileId);
    }

    private static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new InvalidEventException(path + " must be a string");
        }
        return node.textValue();
    }
}
