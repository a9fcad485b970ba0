package io.filepipe.emulators.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.workflow.State.Catcher;
import io.filepipe.emulators.workflow.State.DataFlow;
import io.filepipe.emulators.workflow.State.ResultPath;
import io.filepipe.emulators.workflow.State.Retrier;
import io.filepipe.emulators.workflow.State.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;

/**
 * Executes a {@link StateMachine} synchronously, like a Step Functions Express execution started
 * with StartSyncExecution. Task resources are looked up by ARN in the map given at construction;
 * a definition naming any other resource is refused then, not at run time. Retries wait with a
 * {@link Sleeper}, and full jitter draws from an injected random source, so tests can fix both.
 * With an {@link ExecutionLog}, every execution leaves its history, without its data.
 */
public final class WorkflowRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL = "States.ALL";
    private static final String TASK_FAILED = "States.TaskFailed";
    private static final DateTimeFormatter CONTEXT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StateMachine machine;
    private final Map<String, TaskResource> resources;
    private final Sleeper sleeper;
    private final RandomGenerator jitter;
    private final Clock clock;
    private final ExecutionLog log;

    /**
     * @param jitter where {@code "JitterStrategy": "FULL"} draws its fractions from; Map iterations
     *               retry concurrently, so it must be thread-safe (e.g. {@link java.util.Random})
     */
    public WorkflowRunner(StateMachine machine, Map<String, TaskResource> resources, Sleeper sleeper,
                          RandomGenerator jitter, Clock clock, ExecutionLog log) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.resources = Map.copyOf(resources);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = log;
        for (String resource : machine.taskResources()) {
            if (!this.resources.containsKey(resource)) {
                throw new UnsupportedDefinition("Task resource '" + resource + "' is not implemented by the local runner");
            }
        }
    }

    /**
     * The time as the context object carries it on Step Functions ({@code 2019-03-26T20:14:13.192Z}):
     * UTC with milliseconds, always; {@code Instant.toString()} would drop zero milliseconds and add
     * microseconds, and a workflow that stores the time (MarkFailed's {@code updatedAt}) would write
     * another format than on AWS.
     */
    private String now() {
        return CONTEXT_TIME.format(clock.instant());
    }

    /** Runs one execution to its end. */
    public ExecutionResult execute(String name, JsonNode input) {
        ExecutionHistory history = new ExecutionHistory(clock);
        ObjectNode context = JSON.createObjectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", "arn:aws:states:local:000000000000:execution:filepipe:" + name);
        execution.put("Name", name);
        execution.put("StartTime", now());
        execution.set("Input", input);
        context.putObject("StateMachine").put("Name", "filepipe");
        history.add("ExecutionStarted", null);
        ExecutionResult result;
        try {
            result = new ExecutionResult.Succeeded(name, run(machine, input, context, history));
            history.add("ExecutionSucceeded", null);
        } catch (StateFailure f) {
            result = new ExecutionResult.Failed(name, f.error(), f.cause());
            history.add("ExecutionFailed", null).put("error", f.error()).put("cause", f.cause());
        } catch (RuntimeException bug) {
            // a local resource broke its contract (it must throw StateFailure): fail loudly, keep running
            result = new ExecutionResult.Failed(name, StateFailure.RUNTIME, bug.toString());
            history.add("ExecutionFailed", null).put("error", StateFailure.RUNTIME).put("cause", bug.toString());
        }
        if (log != null) {
            history.write(log, name, input, result);
        }
        return result;
    }

    private JsonNode run(StateMachine sm, JsonNode input, ObjectNode context, ExecutionHistory history) {
        String current = sm.startAt();
        JsonNode data = input;
        while (true) {
            State state = sm.state(current);
            ObjectNode stateContext = context.deepCopy();
            stateContext.putObject("State").put("Name", current).put("EnteredTime", now())
                    .put("RetryCount", 0);
            history.add("StateEntered", current);
            Step step = step(state, data, stateContext, history);
            history.add("StateExited", current);
            if (step.next() == null) {
                return step.output();
            }
            data = step.output();
            current = step.next();
        }
    }

    /** The output of a state and the state to go to (null at the end). */
    private record Step(JsonNode output, String next) {
    }

    private Step step(State state, JsonNode raw, ObjectNode context, ExecutionHistory history) {
        return switch (state) {
            case State.Pass p -> {
                JsonNode in = input(p.flow(), raw, context);
                JsonNode result = p.parameters() != null ? p.parameters().resolve(in, context)
                        : p.result() != null ? p.result() : in;
                yield done(p.flow(), raw, p.resultPath(), result, p.transition(), context);
            }
            case State.Task t -> withRetryAndCatch(t.name(), t.retry(), t.catchers(), raw, context, history, () -> {
                JsonNode in = input(t.flow(), raw, context);
                JsonNode params = t.parameters() == null ? in : t.parameters().resolve(in, context);
                JsonNode result = invoke(resources.get(t.resource()), params, t.timeoutSeconds());
                if (t.resultSelector() != null) {
                    result = t.resultSelector().resolve(result, context);
                }
                return done(t.flow(), raw, t.resultPath(), result, t.transition(), context);
            });
            case State.MapState m -> withRetryAndCatch(m.name(), m.retry(), m.catchers(), raw, context, history, () -> {
                JsonNode in = input(m.flow(), raw, context);
                JsonNode result = map(m, in, context, history);
                if (m.resultSelector() != null) {
                    result = m.resultSelector().resolve(result, context);
                }
                return done(m.flow(), raw, m.resultPath(), result, m.transition(), context);
            });
            case State.Choice c -> {
                JsonNode in = input(c.flow(), raw, context);
                String next = c.choices().stream().filter(rule -> rule.matches(in, context))
                        .map(ChoiceRule::next).findFirst().orElse(c.defaultNext());
                if (next == null) {
                    throw new StateFailure("States.NoChoiceMatched", "no choice rule matched in state '" + c.name() + "'");
                }
                yield new Step(output(c.flow(), in, context), next);
            }
            case State.Succeed s -> new Step(output(s.flow(), input(s.flow(), raw, context), context), null);
            case State.Fail f -> throw new StateFailure(f.error(), f.cause());
        };
    }

    /**
     * Runs the resource; with a timeout, as Step Functions does, stops waiting for it after that
     * long and fails the attempt with States.Timeout while the call goes on (a Lambda invocation
     * runs to its end whoever waits for it).
     */
    private static JsonNode invoke(TaskResource resource, JsonNode params, Integer timeoutSeconds) {
        if (timeoutSeconds == null) {
            return resource.invoke(params);
        }
        FutureTask<JsonNode> call = new FutureTask<>(() -> resource.invoke(params));
        Thread.ofVirtual().name("task-attempt").start(call);
        try {
            return call.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new StateFailure("States.Timeout", "the task did not finish within " + timeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateFailure("States.Timeout", "the execution was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw StateFailure.runtime(String.valueOf(e.getCause()));
        }
    }

    private interface Attempt {
        Step run();
    }

    private Step withRetryAndCatch(String name, List<Retrier> retriers, List<Catcher> catchers, JsonNode raw,
                                   ObjectNode context, ExecutionHistory history, Attempt attempt) {
        int[] attempts = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                return attempt.run();
            } catch (StateFailure failure) {
                history.add("StateFailed", name).put("error", failure.error()).put("cause", failure.cause());
                if (failure.error().equals(StateFailure.RUNTIME)) {
                    throw failure; // AWS: States.Runtime is never retried or caught
                }
                int index = matching(retriers.stream().map(Retrier::errorEquals).toList(), failure.error());
                if (index >= 0 && attempts[index] < retriers.get(index).maxAttempts()) {
                    Retrier retrier = retriers.get(index);
                    Duration delay = delay(retrier, attempts[index]);
                    attempts[index]++;
                    retryCount++;
                    history.add("StateRetried", name).put("error", failure.error()).put("attempt", retryCount)
                            .put("delayMs", delay.toMillis());
                    ((ObjectNode) context.get("State")).put("RetryCount", retryCount);
                    pause(delay);
                    continue;
                }
                int catcher = matching(catchers.stream().map(Catcher::errorEquals).toList(), failure.error());
                if (catcher < 0) {
                    throw failure;
                }
                Catcher c = catchers.get(catcher);
                history.add("StateCaught", name).put("error", failure.error()).put("next", c.next());
                ObjectNode error = JSON.createObjectNode().put("Error", failure.error()).put("Cause", failure.cause());
                JsonNode output = c.resultPath().discard() ? raw : Paths.place(raw, c.resultPath().path(), error);
                return new Step(output, c.next());
            }
        }
    }

    private static int matching(List<List<String>> errorEquals, String error) {
        for (int i = 0; i < errorEquals.size(); i++) {
            List<String> names = errorEquals.get(i);
            if (names.contains(error) || names.contains(ALL)
                    || names.contains(TASK_FAILED) && !error.equals("States.Timeout")) {
                return i;
            }
        }
        return -1;
    }

    /** As Step Functions computes it: interval × rate^attempts, capped, then with full jitter a random part of that. */
    private Duration delay(Retrier retrier, int previousAttempts) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), previousAttempts);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.jitter() == State.JitterStrategy.FULL) {
            seconds *= jitter.nextDouble();
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateFailure("States.Timeout", "the execution was interrupted");
        }
    }

    private JsonNode map(State.MapState m, JsonNode in, ObjectNode context, ExecutionHistory history) {
        JsonNode items = Paths.read(m.itemsPath(), in, context);
        if (!items.isArray()) {
            throw StateFailure.runtime("ItemsPath of '" + m.name() + "' did not select an array");
        }
        int concurrency = m.maxConcurrency() <= 0 ? items.size() : m.maxConcurrency();
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        List<Future<JsonNode>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < items.size(); index++) {
                ObjectNode itemContext = context.deepCopy();
                itemContext.putObject("Map").putObject("Item").put("Index", index).set("Value", items.get(index));
                JsonNode item = m.itemSelector() == null ? items.get(index) : m.itemSelector().resolve(in, itemContext);
                results.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        history.add("MapIterationStarted", m.name());
                        JsonNode out = run(m.processor(), item, itemContext, history);
                        history.add("MapIterationSucceeded", m.name());
                        return out;
                    } finally {
                        slots.release();
                    }
                }));
            }
            ArrayNode outputs = JSON.createArrayNode();
            StateFailure firstFailure = null;
            for (Future<JsonNode> result : results) {
                try {
                    outputs.add(result.get());
                } catch (ExecutionException e) {
                    if (firstFailure == null) {
                        firstFailure = e.getCause() instanceof StateFailure f ? f
                                : new StateFailure("States.Runtime", String.valueOf(e.getCause()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StateFailure("States.Timeout", "the execution was interrupted");
                }
            }
            if (firstFailure != null) {
                history.add("MapIterationFailed", m.name()).put("error", firstFailure.error());
                throw firstFailure;
            }
            return outputs;
        }
    }

    private static JsonNode input(DataFlow flow, JsonNode raw, JsonNode context) {
        return flow.inputPath() == null ? JSON.createObjectNode() : Paths.read(flow.inputPath(), raw, context);
    }

    private static JsonNode output(DataFlow flow, JsonNode data, JsonNode context) {
        return flow.outputPath() == null ? JSON.createObjectNode() : Paths.read(flow.outputPath(), data, context);
    }

    private static Step done(DataFlow flow, JsonNode raw, ResultPath resultPath, JsonNode result, Transition transition,
                             JsonNode context) {
        JsonNode combined = resultPath.discard() ? raw : Paths.place(raw, resultPath.path(), result);
        return new Step(output(flow, combined, context), transition.end() ? null : transition.next());
    }
}
