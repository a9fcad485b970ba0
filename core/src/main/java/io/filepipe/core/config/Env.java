package io.filepipe.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads typed values from environment variables and collects every problem, so that one start
 * reports all missing and malformed variables at once. Getters return a placeholder after recording
 * a problem, so an {@code Env} exists only inside {@link #parse}: what a parser builds from it
 * reaches the caller only when no variable had a problem.
 */
public final class Env {

    private final Map<String, String> vars;
    private final List<String> problems = new ArrayList<>();

    private Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /**
     * Runs {@code parser} on {@code vars} (e.g. {@code Env.parse(System.getenv(), ApiConfig::from)}) and
     * returns what it built.
     *
     * @throws ConfigException naming every missing or malformed variable the parser met
     */
    public static <T> T parse(Map<String, String> vars, Function<Env, T> parser) {
        Env env = new Env(Objects.requireNonNull(vars, "vars"));
        T parsed = parser.apply(env);
        if (!env.problems.isEmpty()) {
            throw new ConfigException(env.problems);
        }
        return parsed;
    }

    private String raw(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** True when the variable is set to a non-blank value. */
    public boolean isSet(String name) {
        return raw(name) != null;
    }

    public String required(String name) {
        String value = raw(name);
        if (value == null) {
            problems.add(name + " is required but not set");
            return "";
        }
        return value;
    }

    public String optional(String name, String fallback) {
        String value = raw(name);
        return value == null ? fallback : value;
    }

    /** The first of {@code names} that is set, else {@code fallback}. */
    public String firstOf(List<String> names, String fallback) {
        return names.stream().map(this::raw).filter(Objects::nonNull).findFirst().orElse(fallback);
    }

    public long longInRange(String name, long fallback, long min, long max) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                problems.add(name + " must be between " + min + " and " + max + " but is " + parsed);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number but is '" + value + "'");
            return fallback;
        }
    }

    public int intInRange(String name, int fallback, int min, int max) {
        return (int) longInRange(name, fallback, min, max);
    }

    public boolean bool(String name, boolean fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> {
                problems.add(name + " must be true or false but is '" + value + "'");
                yield fallback;
            }
        };
    }

    /** An ISO-8601 duration such as {@code PT15M}, or a number of seconds. */
    public Duration duration(String name, Duration fallback) {
        String value = raw(name);
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
            if (parsed.isNegative() || parsed.isZero()) {
                problems.add(name + " must be a positive duration but is '" + value + "'");
                return fallback;
            }
            return parsed;
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add(name + " must be a duration like PT15M or a number of seconds but is '" + value + "'");
            return fallback;
        }
    }

    /** An absolute http(s) URI, or null when unset. */
    public URI httpUri(String name) {
        String value = raw(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(name + " must be an absolute http(s) URL but is '" + value + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(name + " must be an absolute http(s) URL but is '" + value + "'");
            return null;
        }
    }

    /** Records a problem found by a caller's own cross-field check. */
    public void problem(String message) {
        problems.add(message);
    }
}
