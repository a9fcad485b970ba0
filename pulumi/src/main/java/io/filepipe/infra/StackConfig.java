package io.filepipe.infra;

import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.SweepShards;
import io.filepipe.processor.ProcessorTimeouts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The stack's settings, read once from its Pulumi configuration (namespace {@code filepipe}; every
 * key is optional and documented in {@code Pulumi.example.yaml}). A bad value stops the program
 * with a message naming every problem at once.
 *
 * @param prefix                start of every physical name this stack chooses: {@code filepipe-<stack>}
 * @param reconcileEveryMinutes how often the reconciler looks for unfinished files
 * @param alarmEmails           addresses subscribed to the alarm topic (none: alarms only go to the topic)
 * @param eventEmails           addresses sent an e-mail per file outcome through the events topic (none: no topic)
 * @param protectData           keep the bucket, table and user pool from being deleted with the stack
 * @param tracing               X-Ray traces of the functions and the workflow (off by default: Lambda
 *                              traces at a fixed rate that no sampling rule lowers, see docs/deploy.md)
 * @param webOrigins            origins ({@code https://host[:port]}) besides the API's own (which serves
 *                              the web app) whose pages may PUT to presigned upload URLs from a browser
 *                              and sign users in (their root is a callback URL of the app client); none
 *                              by default
 * @param sweepShards           keys per status of the table's sweep index, given to the API, the processor
 *                              and the reconciler alike (raise it, never lower it: see docs/scaling.md)
 */
public record StackConfig(String prefix, Architecture architecture, FunctionSettings api, FunctionSettings processor,
                          int throttleRatePerSecond, int throttleBurst, int logRetentionDays,
                          String workflowLogLevel, String pipeLogLevel, int reconcileEveryMinutes,
                          List<String> alarmEmails, boolean protectData, boolean tracing, List<String> webOrigins,
                          List<String> eventEmails, SweepShards sweepShards) {

    /** CloudWatch Logs accepts only these retention periods. */
    static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);
    static final List<String> WORKFLOW_LOG_LEVELS = List.of("ALL", "ERROR", "FATAL");
    static final List<String> PIPE_LOG_LEVELS = List.of("ERROR", "INFO", "TRACE");
    /** The API sits behind an HTTP API, whose integrations time out after 30 s. */
    static final int MAX_API_TIMEOUT_SECONDS = 29;
    /** The processor runs inside an Express workflow, which lasts 5 minutes at most. */
    static final int MAX_PROCESSOR_TIMEOUT_SECONDS = 300;
    /**
     * Role names (64 characters at most) are Pulumi's autonames: the logical name, the longest being
     * {@code filepipe-<stack>-stream-processor}, and 8 random characters.
     */
    static final int MAX_STACK_NAME = 30;
    static final List<String> KEYS = List.of("architecture",
            "apiMemoryMb", "apiTimeoutSeconds", "apiReservedConcurrency",
            "processorMemoryMb", "processorTimeoutSeconds", "processorReservedConcurrency",
            "throttleRatePerSecond", "throttleBurst", "logRetentionDays", "workflowLogLevel", "pipeLogLevel",
            "reconcileEveryMinutes", "alarmEmail", "protectData", "tracing", "webOrigins", "eventEmail", "sweepShards");
    /** An origin as a browser sends it: scheme and host, a port perhaps, no path; plain http only for localhost. */
    private static final Pattern ORIGIN = Pattern.compile("https://[a-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?");

    public StackConfig {
        alarmEmails = List.copyOf(alarmEmails);
        webOrigins = List.copyOf(webOrigins);
        eventEmails = List.copyOf(eventEmails);
    }

    /**
     * @param stackName the Pulumi stack
     * @param config    the project's configuration, key without namespace -> value
     * @throws ConfigException naming every missing or malformed value
     */
    public static StackConfig read(String stackName, Function<String, Optional<String>> config) {
        Map<String, String> values = new HashMap<>();
        for (String key : KEYS) {
            config.apply(key).ifPresent(value -> values.put(key, value));
        }
        return Env.parse(values, env -> read(stackName, env));
    }

    private static StackConfig read(String stackName, Env env) {
        // names of buckets and repositories are lower case; Lambda names allow no dots
        String prefix = "filepipe-" + stackName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (stackName.length() > MAX_STACK_NAME) {
            env.problem("the stack name '" + stackName + "' is longer than " + MAX_STACK_NAME
                    + " characters, too long for the IAM role names it prefixes");
        }
        Architecture architecture = architecture(env);
        FunctionSettings api = function(env, "api", 1024, 29, MAX_API_TIMEOUT_SECONDS);
        FunctionSettings processor = function(env, "processor", 1024,
                (int) ProcessorTimeouts.DEFAULT_FUNCTION_TIMEOUT.toSeconds(), MAX_PROCESSOR_TIMEOUT_SECONDS);
        int rate = env.intInRange("throttleRatePerSecond", 50, 1, 10_000);
        int burst = env.intInRange("throttleBurst", 100, 1, 5_000);
        int retention = env.intInRange("logRetentionDays", 30, 1, 3653);
        if (!RETENTION_DAYS.contains(retention)) {
            env.problem("logRetentionDays must be one of CloudWatch's periods " + RETENTION_DAYS.stream().sorted().toList()
                    + " but is " + retention);
        }
        String workflowLogLevel = oneOf(env, "workflowLogLevel", "ERROR", WORKFLOW_LOG_LEVELS);
        String pipeLogLevel = oneOf(env, "pipeLogLevel", "ERROR", PIPE_LOG_LEVELS);
        int reconcileEvery = env.intInRange("reconcileEveryMinutes", 5, 1, 1440);
        List<String> emails = emails(env, "alarmEmail");
        boolean protectData = env.bool("protectData", true);
        boolean tracing = env.bool("tracing", false);
        List<String> webOrigins = webOrigins(env);
        return new StackConfig(prefix, architecture, api, processor, rate, burst, retention, workflowLogLevel,
                pipeLogLevel, reconcileEvery, emails, protectData, tracing, webOrigins, emails(env, "eventEmail"),
                new SweepShards(env.intInRange("sweepShards", SweepShards.DEFAULT, 1, SweepShards.MAX)));
    }

    /** A physical name of this stack: {@code filepipe-<stack>-<part>}. */
    public String name(String part) {
        return prefix + "-" + part;
    }

    private static Architecture architecture(Env env) {
        try {
            return Architecture.parse(env.optional("architecture", Architecture.X86_64.lambdaName()));
        } catch (IllegalArgumentException e) {
            env.problem(e.getMessage());
            return Architecture.X86_64;
        }
    }

    private static FunctionSettings function(Env env, String key, int memoryMb, int timeoutSeconds, int maxTimeout) {
        return new FunctionSettings(
                env.intInRange(key + "MemoryMb", memoryMb, 128, 10_240),
                env.intInRange(key + "TimeoutSeconds", timeoutSeconds, 1, maxTimeout),
                env.intInRange(key + "ReservedConcurrency", FunctionSettings.UNRESERVED, FunctionSettings.UNRESERVED,
                        100_000));
    }

    private static String oneOf(Env env, String key, String fallback, List<String> allowed) {
        String value = env.optional(key, fallback).toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            env.problem(key + " must be one of " + allowed + " but is '" + value + "'");
            return fallback;
        }
        return value;
    }

    private static List<String> webOrigins(Env env) {
        List<String> origins = Arrays.stream(env.optional("webOrigins", "").split(","))
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .toList();
        origins.stream()
                .filter(o -> !ORIGIN.matcher(o).matches())
                .forEach(o -> env.problem("webOrigins must be origins like https://app.example.com separated by commas"
                        + " (no '*', no path, http only for localhost), not '" + o + "'"));
        return origins;
    }

    private static List<String> emails(Env env, String key) {
        List<String> emails = Arrays.stream(env.optional(key, "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        emails.stream()
                .filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
                .forEach(e -> env.problem(key + " must be e-mail addresses separated by commas, not '" + e + "'"));
        return emails;
    }
}
