package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A Choice rule: a comparison of {@code Variable} with a literal or another path, or a boolean
 * combination of rules. Only the comparators listed in {@link #COMPARATORS} are implemented; any
 * other is refused when the definition is loaded.
 */
record ChoiceRule(String variable, String comparator, JsonNode operand, List<ChoiceRule> nested, String next) {

    static final Set<String> COMPARATORS = Set.of(
            "StringEquals", "StringEqualsPath", "NumericEquals", "NumericEqualsPath", "NumericLessThan",
            "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "BooleanEquals",
            "IsPresent", "IsNull", "IsString", "IsNumeric", "IsBoolean");

    static ChoiceRule parse(String state, JsonNode rule, boolean topLevel) {
        String next = rule.path("Next").isTextual() ? rule.get("Next").asText() : null;
        if (topLevel && next == null) {
            throw new UnsupportedDefinition("state '" + state + "': every choice needs a Next");
        }
        for (String combinator : List.of("And", "Or", "Not")) {
            if (rule.has(combinator)) {
                List<ChoiceRule> nested = new ArrayList<>();
                JsonNode value = rule.get(combinator);
                if (combinator.equals("Not")) {
                    nested.add(parse(state, value, false));
                } else {
                    value.forEach(r -> nested.add(parse(state, r, false)));
                }
                return new ChoiceRule(null, combinator, null, List.copyOf(nested), next);
            }
        }
        String variable = rule.path("Variable").asText(null);
        if (variable == null) {
            throw new UnsupportedDefinition("state '" + state + "': a choice rule needs a Variable");
        }
        Paths.checkPath(state, "Variable", variable);
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equals("Variable") || field.equals("Next")) {
                continue;
            }
            if (!COMPARATORS.contains(field)) {
                throw new UnsupportedDefinition("state '" + state + "': choice comparator '" + field
                        + "' is not implemented by the local runner");
            }
            if (field.endsWith("Path")) {
                Paths.checkPath(state, field, rule.get(field).asText());
            }
            return new ChoiceRule(variable, field, rule.get(field), List.of(), next);
        }
        throw new UnsupportedDefinition("state '" + state + "': a choice rule needs a comparator");
    }

    boolean matches(JsonNode data, JsonNode context) {
        return switch (comparator) {
            case "And" -> nested.stream().allMatch(r -> r.matches(data, context));
            case "Or" -> nested.stream().anyMatch(r -> r.matches(data, context));
            case "Not" -> !nested.getFirst().matches(data, context);
            case "IsPresent" -> present(data, context) == operand.asBoolean();
            default -> compare(data, context);
        };
    }

    private boolean present(JsonNode data, JsonNode context) {
        try {
            Paths.read(variable, data, context);
            return true;
        } catch (StateFailure missing) {
            return false;
        }
    }

    private boolean compare(JsonNode data, JsonNode context) {
        JsonNode value = Paths.read(variable, data, context);
        JsonNode other = comparator.endsWith("Path") ? Paths.read(operand.asText(), data, context) : operand;
        return switch (comparator) {
            case "IsNull" -> value.isNull() == operand.asBoolean();
            case "IsString" -> value.isTextual() == operand.asBoolean();
            case "IsNumeric" -> value.isNumber() == operand.asBoolean();
            case "IsBoolean" -> value.isBoolean() == operand.asBoolean();
            case "StringEquals", "StringEqualsPath" -> value.isTextual() && value.asText().equals(other.asText());
            case "BooleanEquals" -> value.isBoolean() && value.asBoolean() == other.asBoolean();
            default -> value.isNumber() && numeric(value.decimalValue().compareTo(other.decimalValue()));
        };
    }

    private boolean numeric(int sign) {
        return switch (comparator) {
            case "NumericEquals", "NumericEqualsPath" -> sign == 0;
            case "NumericLessThan" -> sign < 0;
            case "NumericLessThanEquals" -> sign <= 0;
            case "NumericGreaterThan" -> sign > 0;
            case "NumericGreaterThanEquals" -> sign >= 0;
            default -> throw new IllegalStateException("not a numeric comparator: " + comparator);
        };
    }
}
