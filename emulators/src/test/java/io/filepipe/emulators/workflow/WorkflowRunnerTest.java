package io.filepipe.emulators.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    /** The fractions full jitter draws, in order; drawing more than a test queued fails it. */
    private final Queue<Double> fractions = new ConcurrentLinkedQueue<>();
    private final RandomGenerator jitter = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("full jitter draws a fraction (nextDouble)");
        }

        @Override
        public double nextDouble() {
            return fractions.remove();
        }
    };

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private WorkflowRunner runner(String definition, Map<String, TaskResource> resources) {
        return new WorkflowRunner(StateMachine.parse(definition.replace('\'', '"')), resources, sleeps::add, jitter,
                Clock.systemUTC(), null);
    }

    private JsonNode succeeded(ExecutionResult result) {
        return assertInstanceOf(ExecutionResult.Succeeded.class, result, result.toString()).output();
    }

    // ---- Pass and data flow ----

    @Test
    void passPlacesItsResultAtTheResultPath() {
        var r = runner("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'x':1},'ResultPath':'$.r.s','End':true}}}", Map.of());
        assertEquals(json("{'a':2,'r':{'s':{'x':1}}}"), succeeded(r.execute("e", json("{'a':2}"))));
    }

    @Test
    void parametersResolvePathsAndTheContextObject() {
        var r = runner("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'$.a.b','name.$':'$$.Execution.Name',"
                + "'fixed':'k','nested':{'w.$':'$.c[1]'}},'End':true}}}", Map.of());
        assertEquals(json("{'v':5,'name':'exec-1','fixed':'k','nested':{'w':'y'}}"),
                succeeded(r.execute("exec-1", json("{'a':{'b':5},'c':['x','y']}"))));
    }

    @Test
    void inputPathOutputPathAndNullResultPath() {
        var r = runner("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.in','Result':'ignored','ResultPath':null,"
                + "'OutputPath':'$.in.keep','End':true}}}", Map.of()); // a null ResultPath keeps the raw input, before InputPath
        assertEquals(json("'yes'"), succeeded(r.execute("e", json("{'in':{'keep':'yes','drop':1}}"))));
    }

    @Test
    void theContextObjectsTimesHaveMillisecondsAsOnStepFunctions() {
        var r = new WorkflowRunner(StateMachine.parse(("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{"
                + "'entered.$':'$$.State.EnteredTime','started.$':'$$.Execution.StartTime'},'End':true}}}").replace('\'', '"')),
                Map.of(), sleeps::add, jitter, Clock.fixed(Instant.parse("2026-11-24T10:15:30Z"), ZoneOffset.UTC), null);
        assertEquals(json("{'entered':'2026-11-24T10:15:30.000Z','started':'2026-11-24T10:15:30.000Z'}"),
                succeeded(r.execute("e", json("{}"))));
    }

    @Test
    void aMissingPathIsAStatesRuntimeFailure() {
        var r = runner("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'v.$':'$.nope'},'End':true}}}", Map.of());
        var failed = assertInstanceOf(ExecutionResult.Failed.class, r.execute("e", json("{}")));
        assertEquals("States.Runtime", failed.error());
    }

    // ---- Choice, Succeed, Fail ----

    @Test
    void choiceFollowsTheFirstMatchingRuleElseTheDefault() {
        String def = "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':["
                + "{'And':[{'Variable':'$.n','NumericGreaterThan':10},{'Variable':'$.s','StringEquals':'big'}],'Next':'Big'},"
                + "{'Variable':'$.flag','IsPresent':true,'Next':'Flagged'}],'Default':'Other'},"
                + "'Big':{'Type':'Pass','Result':'big','End':true},'Flagged':{'Type':'Pass','Result':'flagged','End':true},"
                + "'Other':{'Type':'Succeed'}}}";
        var r = runner(def, Map.of());
        assertEquals(json("'big'"), succeeded(r.execute("a", json("{'n':11,'s':'big'}"))));
        assertEquals(json("'flagged'"), succeeded(r.execute("b", json("{'n':1,'flag':false}"))));
        assertEquals(json("{'n':1}"), succeeded(r.execute("c", json("{'n':1}"))));
    }

    @Test
    void choiceWithoutMatchOrDefaultFails() {
        var r = runner("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.x','BooleanEquals':true,"
                + "'Next':'D'}]},'D':{'Type':'Succeed'}}}", Map.of());
        assertEquals("States.NoChoiceMatched",
                assertInstanceOf(ExecutionResult.Failed.class, r.execute("e", json("{'x':false}"))).error());
    }

    @Test
    void failEndsTheExecutionWithItsErrorAndCause() {
        var r = runner("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Custom.Error','Cause':'because'}}}", Map.of());
        var failed = assertInstanceOf(ExecutionResult.Failed.class, r.execute("e", json("{}")));
        assertEquals("Custom.Error", failed.error());
        assertEquals("because", failed.cause());
    }

    // ---- Task, Retry, Catch ----

    private static TaskResource failing(AtomicInteger calls, int failures, String error) {
        return parameters -> {
            if (calls.incrementAndGet() <= failures) {
                throw new StateFailure(error, "attempt " + calls.get());
            }
            return json("{'ok':true,'got':" + parameters + "}");
        };
    }

    @Test
    void taskSendsResolvedParametersAndSelectsItsResult() {
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Parameters':{'id.$':'$.id'},"
                + "'ResultSelector':{'answer.$':'$.got.id'},'ResultPath':'$.out','End':true}}}",
                Map.of("arn:x", failing(new AtomicInteger(), 0, "")));
        assertEquals(json("{'id':7,'out':{'answer':7}}"), succeeded(r.execute("e", json("{'id':7}"))));
    }

    @Test
    void retryWaitsIntervalTimesBackoffAndSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['Boom'],"
                + "'IntervalSeconds':1,'BackoffRate':2.0,'MaxAttempts':3}],'End':true}}}", Map.of("arn:x", failing(calls, 3, "Boom")));
        succeeded(r.execute("e", json("{}")));
        assertEquals(4, calls.get());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
    }

    @Test
    void retryDelayIsCappedByMaxDelaySeconds() {
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['States.ALL'],"
                + "'IntervalSeconds':2,'BackoffRate':10,'MaxAttempts':3,'MaxDelaySeconds':5}],'End':true}}}",
                Map.of("arn:x", failing(new AtomicInteger(), 3, "Any")));
        succeeded(r.execute("e", json("{}")));
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void fullJitterWaitsADrawnFractionOfTheCappedDelay() {
        fractions.addAll(List.of(0.5, 0.25, 0.0));
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['States.ALL'],"
                + "'IntervalSeconds':2,'BackoffRate':2,'MaxAttempts':3,'MaxDelaySeconds':5,'JitterStrategy':'FULL'}],"
                + "'End':true}}}", Map.of("arn:x", failing(new AtomicInteger(), 3, "Any")));
        succeeded(r.execute("e", json("{}")));
        // computed 2, 4 and 5 (capped) seconds; waited half, a quarter and none of them
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO), sleeps);
        assertTrue(fractions.isEmpty(), "one draw per retry");
    }

    @Test
    void jitterStrategyNoneWaitsTheWholeDelayAndDrawsNothing() {
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['States.ALL'],"
                + "'IntervalSeconds':1,'BackoffRate':2,'MaxAttempts':2,'JitterStrategy':'NONE'}],'End':true}}}",
                Map.of("arn:x", failing(new AtomicInteger(), 2, "Any")));
        succeeded(r.execute("e", json("{}")));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void exhaustedRetriesFallToTheCatchWithTheErrorAtItsResultPath() {
        AtomicInteger calls = new AtomicInteger();
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['Boom'],"
                + "'MaxAttempts':2}],'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.failure','Next':'H'}],'End':true},"
                + "'H':{'Type':'Pass','End':true}}}", Map.of("arn:x", failing(calls, 99, "Boom")));
        JsonNode out = succeeded(r.execute("e", json("{'id':1}")));
        assertEquals(3, calls.get());
        assertEquals(json("{'id':1,'failure':{'Error':'Boom','Cause':'attempt 3'}}"), out);
    }

    @Test
    void onlyMatchingErrorsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['Transient'],"
                + "'MaxAttempts':5}],'End':true}}}", Map.of("arn:x", failing(calls, 99, "Permanent")));
        var failed = assertInstanceOf(ExecutionResult.Failed.class, r.execute("e", json("{}")));
        assertEquals("Permanent", failed.error());
        assertEquals(1, calls.get());
    }

    @Test
    void taskFailedMatchesTaskErrorsAndMaxAttemptsZeroNeverRetries() {
        AtomicInteger calls = new AtomicInteger();
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['States.TaskFailed'],"
                + "'MaxAttempts':0}],'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'H'}],'End':true},"
                + "'H':{'Type':'Succeed'}}}", Map.of("arn:x", failing(calls, 99, "Lambda.Unknown")));
        assertEquals(json("{'Error':'Lambda.Unknown','Cause':'attempt 1'}"), succeeded(r.execute("e", json("{}"))));
        assertEquals(1, calls.get());
    }

    @Test
    void statesRuntimeIsNeverRetriedOrCaught() {
        AtomicInteger calls = new AtomicInteger();
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Parameters':{'v.$':'$.missing'},"
                + "'Retry':[{'ErrorEquals':['States.ALL']}],'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'}],'End':true},"
                + "'H':{'Type':'Succeed'}}}", Map.of("arn:x", failing(calls, 0, "")));
        assertEquals("States.Runtime", assertInstanceOf(ExecutionResult.Failed.class, r.execute("e", json("{}"))).error());
        assertEquals(0, calls.get());
    }

    @Test
    void anAttemptOutlastingTheTimeoutFailsWithStatesTimeoutWhileItsCallGoesOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        TaskResource slow = p -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new AssertionError("the call was interrupted instead of going on", e);
            }
            finished.countDown();
            return p;
        };
        var r = runner("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','TimeoutSeconds':1,"
                + "'Catch':[{'ErrorEquals':['States.Timeout'],'ResultPath':'$.failure','Next':'H'}],'End':true},"
                + "'H':{'Type':'Succeed'}}}", Map.of("arn:x", slow));

        JsonNode out = succeeded(r.execute("e", json("{'id':1}")));

        assertEquals("States.Timeout", out.at("/failure/Error").asText());
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS), "the call ran to its end after the timeout");
    }

    // ---- Map ----

    @Test
    void mapRunsTheProcessorPerItemAndKeepsOrder() {
        var r = runner("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','ItemSelector':{'v.$':'$$.Map.Item.Value',"
                + "'i.$':'$$.Map.Item.Index','tag.$':'$.tag'},'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'T',"
                + "'States':{'T':{'Type':'Task','Resource':'arn:x','ResultSelector':{'r.$':'$.got'},'End':true}}},"
                + "'ResultPath':'$.results','End':true}}}", Map.of("arn:x", failing(new AtomicInteger(), 0, "")));
        JsonNode out = succeeded(r.execute("e", json("{'tag':'t','items':['a','b','c']}")));
        assertEquals(json("[{'r':{'v':'a','i':0,'tag':'t'}},{'r':{'v':'b','i':1,'tag':'t'}},{'r':{'v':'c','i':2,'tag':'t'}}]"),
                out.get("results"));
    }

    @Test
    void mapNeverRunsMoreThanMaxConcurrencyItemsAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2); // each item stays until a second one runs beside it
        TaskResource slow = parameters -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                pairs.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("no second item ran beside this one", e);
            }
            running.decrementAndGet();
            return parameters;
        };
        var r = runner("{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'ItemProcessor':{'StartAt':'T',"
                + "'States':{'T':{'Type':'Task','Resource':'arn:x','End':true}}},'End':true}}}", Map.of("arn:x", slow));
        JsonNode out = succeeded(r.execute("e", json("[1,2,3,4,5,6]")));
        assertEquals(6, out.size());
        assertTrue(peak.get() <= 2, "peak " + peak.get());
    }

    @Test
    void aFailedIterationFailsTheMapWithItsError() {
        TaskResource picky = parameters -> {
            if (parameters.asInt() == 2) {
                throw new StateFailure("Bad.Item", "two");
            }
            return parameters;
        };
        var r = runner("{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'T',"
                + "'States':{'T':{'Type':'Task','Resource':'arn:x','End':true}}},'End':true}}}", Map.of("arn:x", picky));
        assertEquals("Bad.Item", assertInstanceOf(ExecutionResult.Failed.class, r.execute("e", json("[1,2,3]"))).error());
    }

    // ---- history ----

    @Test
    void historyRecordsRetriesAndTheOutcome(@TempDir Path dir) throws Exception {
        var r = new WorkflowRunner(StateMachine.parse(("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
                + "'Retry':[{'ErrorEquals':['Boom'],'MaxAttempts':1}],'End':true}}}").replace('\'', '"')),
                Map.of("arn:x", failing(new AtomicInteger(), 1, "Boom")), sleeps::add, jitter, Clock.systemUTC(),
                new ExecutionLog(dir, input -> input));
        r.execute("exec-7", json("{'in':1}"));
        JsonNode history = JSON.readTree(Files.readString(dir.resolve("exec-7.json")));
        assertEquals("SUCCEEDED", history.get("status").asText());
        List<String> types = new ArrayList<>();
        history.get("events").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(List.of("ExecutionStarted", "StateEntered", "StateFailed", "StateRetried", "StateExited",
                "ExecutionSucceeded"), types);
    }

    @Test
    void historyHoldsNoExecutionDataButTheSummaryOfTheInputAndTheFailure(@TempDir Path dir) throws Exception {
        TaskResource secretive = parameters -> {
            throw new StateFailure("Task.Failed", "could not handle it");
        };
        var r = new WorkflowRunner(StateMachine.parse(("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x',"
                + "'End':true}}}").replace('\'', '"')), Map.of("arn:x", secretive), sleeps::add, jitter, Clock.systemUTC(),
                new ExecutionLog(dir, input -> input.get("id")));

        r.execute("exec-8", json("{'id':'k-1','comment':'my secret diary'}"));

        String text = Files.readString(dir.resolve("exec-8.json"));
        JsonNode history = JSON.readTree(text);
        assertEquals("k-1", history.get("inputSummary").asText());
        assertEquals(List.of("FAILED", "Task.Failed", "could not handle it"), List.of(history.get("status").asText(),
                history.get("error").asText(), history.get("cause").asText()));
        assertFalse(text.contains("secret"), text);
        assertFalse(history.has("input") || history.has("output"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("exec-8.json"))));
    }

    // ---- refused at load ----

    @Test
    void unsupportedDefinitionsAreRefusedNamingTheState() {
        Map<String, String> cases = Map.of(
                "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'End':true}}}", "state 'W': type 'Wait'",
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','HeartbeatSeconds':3,'End':true}}}",
                "state 'T' (Task): field 'HeartbeatSeconds'",
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','TimeoutSeconds':0,'End':true}}}",
                "state 'T': TimeoutSeconds must be a positive integer",
                "{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'x.$':'States.UUID()'},'End':true}}}",
                "state 'P': Parameters.x.$ uses intrinsic function",
                "{'StartAt':'P','States':{'P':{'Type':'Pass','Next':'Nowhere'}}}", "state 'P' goes to 'Nowhere'",
                "{'StartAt':'P','States':{'P':{'Type':'Pass'}}}", "state 'P' needs exactly one of Next and End",
                "{'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "only QueryLanguage JSONPath",
                "{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.t','TimestampEquals':'x','Next':'C'}]}}}",
                "choice comparator 'TimestampEquals'",
                "{'StartAt':'P','States':{'P':{'Type':'Pass','Result':1,'ResultPath':'$.a[0]','End':true}}}",
                "must be a simple reference path",
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','Retry':[{'ErrorEquals':['X'],"
                        + "'JitterStrategy':'PARTIAL'}],'End':true}}}",
                "state 'T': JitterStrategy must be FULL or NONE, not 'PARTIAL'");
        cases.forEach((definition, message) -> {
            UnsupportedDefinition e = assertThrows(UnsupportedDefinition.class, () -> runner(definition, Map.of("arn:x", p -> p)));
            assertTrue(e.getMessage().contains(message), e.getMessage());
        });
    }

    @Test
    void aResourceWithoutALocalImplementationIsRefusedAtLoad() {
        UnsupportedDefinition e = assertThrows(UnsupportedDefinition.class, () -> runner(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage','End':true}}}", Map.of()));
        assertTrue(e.getMessage().contains("arn:aws:states:::sqs:sendMessage"), e.getMessage());
    }
}
