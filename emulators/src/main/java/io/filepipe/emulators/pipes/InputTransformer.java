package io.filepipe.emulators.pipes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An EventBridge Pipes input transformer: a JSON template with {@code <$.path>} placeholders into
 * the event. A placeholder outside quotes takes the value as JSON (a string stays a quoted string,
 * an object stays an object); inside a quoted string it is interpolated as text, escaped for JSON.
 * A path that matches nothing gives {@code null} outside quotes and nothing inside them.
 *
 * <p>Paths are what Pipes documents: dot notation over letters, digits, dashes and underscores,
 * and array indexes ({@code $.a.b[0]}). Wildcards and the reserved {@code <aws.pipes.*>}
 * variables are refused when the template is loaded, as is a template that would not be JSON.
 */
public final class InputTransformer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+(\\[[0-9]+])*)+");

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String path, List<Object> steps, boolean quoted) implements Part {
    }

    private final List<Part> parts;

    private InputTransformer(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * @throws UnsupportedTemplate if the template uses a placeholder this transformer does not
     *                             implement, or is not JSON once its placeholders are filled
     */
    public static InputTransformer parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '<') {
                int end = template.indexOf('>', i);
                if (end < 0) {
                    throw new UnsupportedTemplate("unclosed placeholder at offset " + i);
                }
                String name = template.substring(i + 1, end);
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
                parts.add(new Placeholder(name, steps(name), inString));
                i = end;
                continue;
            }
            if (inString && c == '\\' && i + 1 < template.length()) {
                literal.append(c).append(template.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            literal.append(c);
        }
        parts.add(new Literal(literal.toString()));
        InputTransformer transformer = new InputTransformer(List.copyOf(parts));
        try {
            JSON.readTree(transformer.render(MissingNode.getInstance()));
        } catch (JsonProcessingException e) {
            throw new UnsupportedTemplate("the template is not JSON once its placeholders are filled: "
                    + e.getOriginalMessage());
        }
        return transformer;
    }

    private static List<Object> steps(String path) {
        if (path.startsWith("aws.pipes.")) {
            throw new UnsupportedTemplate("the reserved variable <" + path + "> is not implemented");
        }
        if (!PATH.matcher(path).matches()) {
            throw new UnsupportedTemplate("the placeholder <" + path + "> is not a supported path"
                    + " (dot notation and array indexes only)");
        }
        List<Object> steps = new ArrayList<>();
        for (String segment : path.substring(2).split("\\.")) {
            int bracket = segment.indexOf('[');
            steps.add(bracket < 0 ? segment : segment.substring(0, bracket));
            if (bracket >= 0) {
                for (String index : segment.substring(bracket + 1, segment.length() - 1).split("]\\[")) {
                    steps.add(Integer.valueOf(index));
                }
            }
        }
        return List.copyOf(steps);
    }

    /** The template filled from {@code event}. */
    public JsonNode apply(JsonNode event) {
        try {
            return JSON.readTree(render(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the transformed event is not JSON", e);
        }
    }

    private String render(JsonNode event) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> out.append(literal.text());
                case Placeholder placeholder -> {
                    JsonNode value = resolve(event, placeholder.steps());
                    out.append(placeholder.quoted() ? asStringContent(value) : asJson(value));
                }
            }
        }
        return out.toString();
    }

    private static JsonNode resolve(JsonNode event, List<Object> steps) {
        JsonNode node = event;
        for (Object step : steps) {
            node = step instanceof Integer index ? node.path(index) : node.path((String) step);
        }
        return node;
    }

    private static String asJson(JsonNode value) {
        return value.isMissingNode() ? "null" : value.toString();
    }

    private static String asStringContent(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        String quoted = new TextNode(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
