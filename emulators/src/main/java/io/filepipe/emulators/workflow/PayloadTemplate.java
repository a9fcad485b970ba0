package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Parameters, ItemSelector and ResultSelector: an object whose keys ending in {@code .$} take
 * their value from a path; nested objects are resolved the same way, everything else is copied.
 */
final class PayloadTemplate {

    private final JsonNode template;

    private PayloadTemplate(JsonNode template) {
        this.template = template;
    }

    static PayloadTemplate parse(String state, String field, JsonNode template) {
        if (!template.isObject()) {
            throw new UnsupportedDefinition("state '" + state + "': " + field + " must be an object");
        }
        check(state, field, template);
        return new PayloadTemplate(template);
    }

    private static void check(String state, String field, JsonNode node) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().endsWith(".$")) {
                if (!entry.getValue().isTextual()) {
                    throw new UnsupportedDefinition("state '" + state + "': " + field + "." + entry.getKey()
                            + " must be a path string");
                }
                Paths.checkPath(state, field + "." + entry.getKey(), entry.getValue().asText());
            } else if (entry.getValue().isObject()) {
                check(state, field + "." + entry.getKey(), entry.getValue());
            }
        }
    }

    JsonNode resolve(JsonNode data, JsonNode context) {
        return resolve(template, data, context);
    }

    private static JsonNode resolve(JsonNode node, JsonNode data, JsonNode context) {
        ObjectNode out = node.deepCopy();
        out.removeAll();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.endsWith(".$")) {
                out.set(key.substring(0, key.length() - 2), Paths.read(value.asText(), data, context));
            } else if (value.isObject()) {
                out.set(key, resolve(value, data, context));
            } else {
                out.set(key, value.deepCopy());
            }
        }
        return out;
    }
}
