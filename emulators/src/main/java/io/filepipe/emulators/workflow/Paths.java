package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.EnumSet;
import java.util.regex.Pattern;

/**
 * JSONPath as ASL uses it: {@code $...} reads the state's data, {@code $$...} the context object
 * (Jayway JsonPath over Jackson trees), and reference paths ({@code $.a.b}) say where ResultPath
 * puts a result.
 */
final class Paths {

    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(EnumSet.noneOf(Option.class))
            .build();
    private static final Pattern REFERENCE_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private Paths() {
    }

    /** Fails at load when {@code path} is not a JSONPath this runner can evaluate. */
    static void checkPath(String state, String field, String path) {
        if (path.startsWith("States.")) {
            throw new UnsupportedDefinition("state '" + state + "': " + field + " uses intrinsic function '"
                    + path + "', which the local runner does not implement");
        }
        if (!path.startsWith("$")) {
            throw new UnsupportedDefinition("state '" + state + "': " + field + " must be a JSONPath starting with $: " + path);
        }
        try {
            JsonPath.compile(path.startsWith("$$") ? path.substring(1) : path);
        } catch (InvalidPathException e) {
            throw new UnsupportedDefinition("state '" + state + "': " + field + " is not a valid JSONPath: " + path);
        }
    }

    static void checkReferencePath(String state, String field, String path) {
        if (!REFERENCE_PATH.matcher(path).matches()) {
            throw new UnsupportedDefinition("state '" + state + "': " + field
                    + " must be a simple reference path like $.a.b, not " + path);
        }
    }

    /** Evaluates {@code path} against {@code data}, or against {@code context} for {@code $$} paths. */
    static JsonNode read(String path, JsonNode data, JsonNode context) {
        boolean onContext = path.startsWith("$$");
        JsonNode root = onContext ? context : data;
        String effective = onContext ? path.substring(1) : path;
        if (effective.equals("$")) {
            return root;
        }
        try {
            JsonNode value = JsonPath.using(JSON_PATH).parse(root).read(effective);
            return value == null ? JsonNodeFactory.instance.nullNode() : value;
        } catch (PathNotFoundException e) {
            throw StateFailure.runtime("the JSONPath '" + path + "' could not be found in the input");
        }
    }

    /** The input with {@code result} placed at a reference path; "$" replaces the input. */
    static JsonNode place(JsonNode input, String referencePath, JsonNode result) {
        if (referencePath.equals("$")) {
            return result;
        }
        if (!input.isObject()) {
            throw StateFailure.runtime("ResultPath " + referencePath + " needs an object input");
        }
        ObjectNode root = ((ObjectNode) input).deepCopy();
        String[] parts = referencePath.substring(2).split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], result);
        return root;
    }
}
