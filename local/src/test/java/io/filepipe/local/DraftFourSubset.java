package io.filepipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a JSON Schema (draft 4) using only {@code type} (object, string),
 * {@code required}, {@code properties}, {@code additionalProperties: false}, {@code enum},
 * {@code pattern} and {@code minLength}; a keyword outside that subset fails the check, so the
 * schema cannot grow past what is verified.
 */
final class DraftFourSubset {

    private static final Set<String> KEYWORDS = Set.of("$schema", "title", "description", "type", "required",
            "properties", "additionalProperties", "enum", "pattern", "minLength");

    private DraftFourSubset() {
    }

    /** The problems, each naming its JSON pointer; empty when {@code value} is valid. */
    static List<String> problems(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "", problems);
        return problems;
    }

    private static void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!KEYWORDS.contains(keyword)) {
                problems.add(at + ": schema keyword " + keyword + " is not checked by this validator");
            }
        });
        String type = schema.path("type").asText();
        if (type.equals("object")) {
            if (!value.isObject()) {
                problems.add(at + ": not an object");
                return;
            }
            schema.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(at + "/" + name.asText() + ": missing");
                }
            });
            JsonNode properties = schema.path("properties");
            Set<String> names = new HashSet<>();
            value.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), at + "/" + name, problems);
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(at + "/" + name + ": not allowed");
                }
            }
        } else if (type.equals("string")) {
            if (!value.isTextual()) {
                problems.add(at + ": not a string");
                return;
            }
            String text = value.asText();
            if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
                problems.add(at + ": shorter than " + schema.get("minLength").asInt());
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(at + ": '" + text + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("enum")) {
                List<String> allowed = new ArrayList<>();
                schema.get("enum").forEach(v -> allowed.add(v.asText()));
                if (!allowed.contains(text)) {
                    problems.add(at + ": '" + text + "' is not one of " + allowed);
                }
            }
        } else {
            problems.add(at + ": schema type '" + type + "' is not checked by this validator");
        }
    }
}
