package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.emulators.workflow.State.Catcher;
import io.filepipe.emulators.workflow.State.DataFlow;
import io.filepipe.emulators.workflow.State.JitterStrategy;
import io.filepipe.emulators.workflow.State.ResultPath;
import io.filepipe.emulators.workflow.State.Retrier;
import io.filepipe.emulators.workflow.State.Transition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A parsed and checked ASL definition. Parsing refuses, naming the state, every field and state
 * type the runner does not implement, every dangling {@code Next}, and any state with neither
 * {@code Next} nor {@code End}: what loads is what runs.
 */
public final class StateMachine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL = Set.of("Comment", "StartAt", "States", "Version", "QueryLanguage");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", Set.of("Result", "ResultPath", "Parameters"),
            "Task", Set.of("Resource", "Parameters", "ResultSelector", "ResultPath", "TimeoutSeconds", "Retry", "Catch"),
            "Map", Set.of("ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator", "MaxConcurrency",
                    "ResultSelector", "ResultPath", "Retry", "Catch"),
            "Choice", Set.of("Choices", "Default"),
            "Succeed", Set.of(),
            "Fail", Set.of("Error", "Cause"));

    private final String startAt;
    private final Map<String, State> states;

    private StateMachine(String startAt, Map<String, State> states) {
        this.startAt = startAt;
        this.states = states;
    }

    public static StateMachine parse(String definition) {
        try {
            return parse(JSON.readTree(definition), "the definition");
        } catch (JsonProcessingException e) {
            throw new UnsupportedDefinition("the definition is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static StateMachine parse(JsonNode root, String where) {
        if (!root.isObject()) {
            throw new UnsupportedDefinition(where + " must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!TOP_LEVEL.contains(field)) {
                throw new UnsupportedDefinition(where + ": field '" + field + "' is not implemented by the local runner");
            }
        }
        if (root.has("QueryLanguage") && !root.get("QueryLanguage").asText().equals("JSONPath")) {
            throw new UnsupportedDefinition(where + ": only QueryLanguage JSONPath is implemented");
        }
        String startAt = root.path("StartAt").asText(null);
        JsonNode statesNode = root.path("States");
        if (startAt == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new UnsupportedDefinition(where + " needs StartAt and States");
        }
        Map<String, State> states = new LinkedHashMap<>();
        statesNode.properties().forEach(e -> states.put(e.getKey(), parseState(e.getKey(), e.getValue())));
        StateMachine machine = new StateMachine(startAt, Map.copyOf(states));
        machine.checkTransitions(where);
        return machine;
    }

    private static State parseState(String name, JsonNode node) {
        String type = node.path("Type").asText("");
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new UnsupportedDefinition("state '" + name + "': type '" + type + "' is not implemented by the local runner");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!COMMON.contains(field) && !allowed.contains(field)) {
                throw new UnsupportedDefinition("state '" + name + "' (" + type + "): field '" + field
                        + "' is not implemented by the local runner");
            }
        }
        DataFlow flow = new DataFlow(path(name, node, "InputPath"), path(name, node, "OutputPath"));
        return switch (type) {
            case "Pass" -> new State.Pass(name, flow, template(name, node, "Parameters"), node.get("Result"),
                    resultPath(name, node.get("ResultPath"), node.has("ResultPath")), transition(name, node));
            case "Task" -> new State.Task(name, flow, requiredText(name, node, "Resource"),
                    template(name, node, "Parameters"), template(name, node, "ResultSelector"),
                    resultPath(name, node.get("ResultPath"), node.has("ResultPath")), timeoutSeconds(name, node),
                    retriers(name, node), catchers(name, node), transition(name, node));
            case "Map" -> parseMap(name, node, flow);
            case "Choice" -> parseChoice(name, node, flow);
            case "Succeed" -> new State.Succeed(name, flow);
            default -> new State.Fail(name, node.path("Error").asText("States.Fail"), node.path("Cause").asText(""));
        };
    }

    private static Integer timeoutSeconds(String name, JsonNode node) {
        JsonNode timeout = node.get("TimeoutSeconds");
        if (timeout == null) {
            return null;
        }
        if (!timeout.canConvertToInt() || !timeout.isIntegralNumber() || timeout.asInt() < 1) {
            throw new UnsupportedDefinition("state '" + name + "': TimeoutSeconds must be a positive integer");
        }
        return timeout.asInt();
    }

    private static State parseMap(String name, JsonNode node, DataFlow flow) {
        JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        if (processor == null) {
            throw new UnsupportedDefinition("state '" + name + "': a Map needs an ItemProcessor");
        }
        JsonNode config = processor.path("ProcessorConfig");
        if (!config.isMissingNode() && !config.path("Mode").asText("INLINE").equals("INLINE")) {
            throw new UnsupportedDefinition("state '" + name + "': only INLINE Map processing is implemented");
        }
        JsonNode definition = processor.deepCopy();
        ((ObjectNode) definition).remove("ProcessorConfig");
        String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
        String itemsPath = node.has("ItemsPath") ? node.get("ItemsPath").asText() : "$";
        Paths.checkPath(name, "ItemsPath", itemsPath);
        return new State.MapState(name, flow, itemsPath, template(name, node, selectorField),
                parse(definition, "the ItemProcessor of '" + name + "'"), node.path("MaxConcurrency").asInt(0),
                template(name, node, "ResultSelector"), resultPath(name, node.get("ResultPath"), node.has("ResultPath")),
                retriers(name, node), catchers(name, node), transition(name, node));
    }

    private static State parseChoice(String name, JsonNode node, DataFlow flow) {
        JsonNode choices = node.path("Choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new UnsupportedDefinition("state '" + name + "': a Choice needs Choices");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        choices.forEach(rule -> rules.add(ChoiceRule.parse(name, rule, true)));
        return new State.Choice(name, flow, List.copyOf(rules), node.path("Default").asText(null));
    }

    private static String path(String state, JsonNode node, String field) {
        if (!node.has(field)) {
            return "$";
        }
        if (node.get(field).isNull()) {
            return null;
        }
        String path = node.get(field).asText();
        Paths.checkPath(state, field, path);
        return path;
    }

    private static ResultPath resultPath(String state, JsonNode value, boolean present) {
        if (!present) {
            return ResultPath.REPLACE;
        }
        if (value.isNull()) {
            return ResultPath.DISCARD;
        }
        Paths.checkReferencePath(state, "ResultPath", value.asText());
        return new ResultPath(value.asText(), false);
    }

    private static PayloadTemplate template(String state, JsonNode node, String field) {
        return node.has(field) ? PayloadTemplate.parse(state, field, node.get(field)) : null;
    }

    private static String requiredText(String state, JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new UnsupportedDefinition("state '" + state + "' needs " + field);
        }
        return node.get(field).asText();
    }

    private static Transition transition(String state, JsonNode node) {
        boolean end = node.path("End").asBoolean(false);
        String next = node.path("Next").asText(null);
        if (end == (next != null)) {
            throw new UnsupportedDefinition("state '" + state + "' needs exactly one of Next and End");
        }
        return new Transition(next, end);
    }

    private static List<Retrier> retriers(String state, JsonNode node) {
        List<Retrier> out = new ArrayList<>();
        for (JsonNode r : node.path("Retry")) {
            r.fieldNames().forEachRemaining(field -> {
                if (!Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                        "JitterStrategy", "Comment").contains(field)) {
                    throw new UnsupportedDefinition("state '" + state + "': Retry field '" + field
                            + "' is not implemented by the local runner");
                }
            });
            out.add(new Retrier(errorNames(state, r), r.path("IntervalSeconds").asDouble(1),
                    r.path("MaxAttempts").asInt(3), r.path("BackoffRate").asDouble(2.0),
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asDouble() : null, jitter(state, r)));
        }
        return List.copyOf(out);
    }

    private static JitterStrategy jitter(String state, JsonNode retrier) {
        String strategy = retrier.path("JitterStrategy").asText(JitterStrategy.NONE.name());
        try {
            return JitterStrategy.valueOf(strategy);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedDefinition("state '" + state + "': JitterStrategy must be FULL or NONE, not '"
                    + strategy + "'");
        }
    }

    private static List<Catcher> catchers(String state, JsonNode node) {
        List<Catcher> out = new ArrayList<>();
        for (JsonNode c : node.path("Catch")) {
            out.add(new Catcher(errorNames(state, c), requiredText(state, c, "Next"),
                    resultPath(state, c.get("ResultPath"), c.has("ResultPath"))));
        }
        return List.copyOf(out);
    }

    private static List<String> errorNames(String state, JsonNode node) {
        List<String> names = new ArrayList<>();
        node.path("ErrorEquals").forEach(n -> names.add(n.asText()));
        if (names.isEmpty()) {
            throw new UnsupportedDefinition("state '" + state + "': Retry and Catch need ErrorEquals");
        }
        return List.copyOf(names);
    }

    private void checkTransitions(String where) {
        if (!states.containsKey(startAt)) {
            throw new UnsupportedDefinition(where + ": StartAt '" + startAt + "' is not a state");
        }
        for (State state : states.values()) {
            forEachTarget(state, target -> {
                if (!states.containsKey(target)) {
                    throw new UnsupportedDefinition("state '" + state.name() + "' goes to '" + target
                            + "', which is not a state of " + where);
                }
            });
        }
    }

    private static void forEachTarget(State state, Consumer<String> action) {
        switch (state) {
            case State.Pass p -> nextOf(p.transition(), action);
            case State.Task t -> {
                nextOf(t.transition(), action);
                t.catchers().forEach(c -> action.accept(c.next()));
            }
            case State.MapState m -> {
                nextOf(m.transition(), action);
                m.catchers().forEach(c -> action.accept(c.next()));
            }
            case State.Choice c -> {
                c.choices().forEach(rule -> action.accept(rule.next()));
                if (c.defaultNext() != null) {
                    action.accept(c.defaultNext());
                }
            }
            case State.Succeed s -> { }
            case State.Fail f -> { }
        }
    }

    private static void nextOf(Transition transition, Consumer<String> action) {
        if (transition.next() != null) {
            action.accept(transition.next());
        }
    }

    String startAt() {
        return startAt;
    }

    State state(String name) {
        return states.get(name);
    }

    /** Every Task resource ARN, nested Map processors included. */
    public Set<String> taskResources() {
        Set<String> resources = new TreeSet<>();
        for (State state : states.values()) {
            if (state instanceof State.Task task) {
                resources.add(task.resource());
            } else if (state instanceof State.MapState map) {
                resources.addAll(map.processor().taskResources());
            }
        }
        return resources;
    }
}
