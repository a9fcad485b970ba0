package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void latencyQuantilesAreNearestRankInMilliseconds() {
        long[] nanos = {3_000_000, 1_000_000, 4_500_000, 2_000_000};

        assertEquals(new ClosedLoop.Latency(2.0, 4.5, 4.5), ClosedLoop.Latency.of(nanos));
        assertArrayEquals(new long[] {3_000_000, 1_000_000, 4_500_000, 2_000_000}, nanos, "the samples stay as given");
    }

    @Test
    void noLatenciesGiveNotANumber() {
        ClosedLoop.Latency latency = ClosedLoop.Latency.of(new long[0]);

        assertTrue(Double.isNaN(latency.p50()) && Double.isNaN(latency.p99()) && Double.isNaN(latency.max()));
    }

    @Test
    void theRateIsCompletionsPerSecondOfTheWindow() {
        ClosedLoop.Result result = new ClosedLoop.Result(300, 2, 1.5, ClosedLoop.Latency.of(new long[0]), 45.0);

        assertEquals(200.0, result.perSecond());
        assertEquals(0.15, result.generatorCpuMillisPerRequest(), 1e-12);
    }

    @Test
    void theGeneratorCostPerRequestOfAnEmptyWindowIsNotANumber() {
        ClosedLoop.Result result = new ClosedLoop.Result(0, 0, 1.0, ClosedLoop.Latency.of(new long[0]), 12.0);

        assertTrue(Double.isNaN(result.generatorCpuMillisPerRequest()));
    }

    @Test
    void aFixedCountRunsExactlyThatManyOperationsAndCountsFalseAndThrowingOnesAsErrors() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        List<String> meter = Collections.synchronizedList(new ArrayList<>());

        ClosedLoop.Result result = ClosedLoop.forCount(3, worker -> new ClosedLoop.Operation() {
            @Override
            public boolean run() {
                int call = calls.incrementAndGet();
                if (call == 3) {
                    throw new IllegalStateException("a failed request");
                }
                return call % 5 != 0;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }, 10, new RecordingMeter(meter));

        assertEquals(10, calls.get());
        assertEquals(10, result.completed());
        assertEquals(3, result.errors());
        assertEquals(3, closed.get(), "every worker closes its operation");
        assertEquals(List.of("begin", "end"), meter);
    }

    @Test
    void aWorkerWhoseOperationCannotBeCreatedFailsTheRun() {
        RuntimeException cause = new IllegalStateException("no connection");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ClosedLoop.forCount(2, worker -> {
            throw cause;
        }, 4, ClosedLoop.Meter.NONE));

        assertEquals("a load worker could not start", failure.getMessage());
        assertSame(cause, failure.getCause());
    }

    private record RecordingMeter(List<String> calls) implements ClosedLoop.Meter {
        @Override
        public void begin() {
            calls.add("begin");
        }

        @Override
        public void end() {
            calls.add("end");
        }
    }
}
