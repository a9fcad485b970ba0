package io.filepipe.infra.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code Allow} statement of an identity policy. The constructor enforces filepipe's rules for
 * least privilege, so a policy that breaks them fails at {@code pulumi preview}, not in an audit:
 * every action is spelled out (no {@code *} in an action) and {@code "Resource": "*"} is allowed only
 * for the {@link UnscopedActions}.
 *
 * @param sid        a short name saying what the statement is for
 * @param actions    the actions, e.g. {@code s3:GetObject}
 * @param resources  the ARNs they apply to
 * @param conditions operator -> key -> value(s), e.g. {@code StringLike -> s3:prefix -> [derived/*]}
 */
public record Statement(String sid, List<String> actions, List<String> resources,
                        Map<String, Map<String, Object>> conditions) {

    public static final String ANY_RESOURCE = "*";
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");

    public Statement {
        if (!SID.matcher(sid).matches()) {
            throw new IllegalArgumentException("a Sid is alphanumeric: " + sid);
        }
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = Map.copyOf(conditions);
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException(sid + " needs at least one action and one resource");
        }
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException(sid + ": actions are named one by one, not '" + action + "'");
            }
        }
        if (resources.contains(ANY_RESOURCE)) {
            if (resources.size() > 1) {
                throw new IllegalArgumentException(sid + ": '*' already covers " + resources);
            }
            List<String> scopable = actions.stream().filter(a -> !UnscopedActions.allowed(a)).toList();
            if (!scopable.isEmpty()) {
                throw new IllegalArgumentException(sid + ": " + scopable + " can be scoped to a resource, so '*' is refused");
            }
        }
    }

    public static Statement allow(String sid, List<String> actions, String... resources) {
        return new Statement(sid, actions, List.of(resources), Map.of());
    }

    /** This statement with one more condition, e.g. {@code when("StringLike", "s3:prefix", List.of("derived/*"))}. */
    public Statement when(String operator, String key, Object value) {
        Map<String, Map<String, Object>> merged = new LinkedHashMap<>(conditions);
        Map<String, Object> keys = new LinkedHashMap<>(merged.getOrDefault(operator, Map.of()));
        keys.put(key, value);
        merged.put(operator, keys);
        return new Statement(sid, actions, resources, merged);
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Sid", sid);
        json.put("Effect", "Allow");
        json.put("Action", actions);
        json.put("Resource", resources.size() == 1 ? resources.getFirst() : resources);
        if (!conditions.isEmpty()) {
            json.put("Condition", conditions);
        }
        return json;
    }
}
