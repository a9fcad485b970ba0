package io.filepipe.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code concurrency} virtual threads, each doing one operation after the
 * other with no think time, for a warm-up and then a measured window. Only operations that
 * complete inside the window count, so requests/s is completions per second in steady state. A
 * {@link Meter} is read at both edges of the window (the API's CPU time, for instance), and the
 * bench JVM's own CPU time over the window is reported as the load generator's cost.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    /** One worker's operation; called again and again by the same thread. */
    interface Operation extends AutoCloseable {
        /** Does one request; true when it got the expected answer. */
        boolean run() throws Exception;

        @Override
        default void close() {
        }
    }

    /** Something read at the start and at the end of the measured window. */
    interface Meter {
        void begin();

        void end();

        Meter NONE = new Meter() {
            @Override
            public void begin() {
            }

            @Override
            public void end() {
            }
        };
    }

    /** What the measured window saw. */
    record Result(long completed, long errors, double seconds, Latency latency, double generatorCpuMillis) {
        double perSecond() {
            return completed / seconds;
        }

        double generatorCpuMillisPerRequest() {
            return completed == 0 ? Double.NaN : generatorCpuMillis / completed;
        }
    }

    /** Latency quantiles of one window, in milliseconds. */
    record Latency(double p50, double p99, double max) {
        static Latency of(long[] nanos) {
            if (nanos.length == 0) {
                return new Latency(Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latency(quantile(sorted, 0.50), quantile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }

        private static double quantile(long[] sorted, double q) {
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    /** Runs for {@code warmup} then {@code window}; {@code meter} brackets the window. */
    static Result forDuration(int concurrency, IntFunction<Operation> operations, Duration warmup, Duration window,
                              Meter meter) {
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(new Worker(operations, i, windowStart, windowEnd, null));
        }
        workers.forEach(Worker::start);
        sleepUntil(windowStart);
        long cpuBefore = benchCpuNanos();
        meter.begin();
        sleepUntil(windowEnd);
        meter.end();
        long cpuAfter = benchCpuNanos();
        workers.forEach(Worker::join);
        return collect(workers, window.toNanos() / 1e9, (cpuAfter - cpuBefore) / 1e6);
    }

    /** Runs exactly {@code total} operations spread over the workers; {@code meter} brackets all of them. */
    static Result forCount(int concurrency, IntFunction<Operation> operations, long total, Meter meter) {
        AtomicLong tickets = new AtomicLong(total);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(new Worker(operations, i, Long.MIN_VALUE, Long.MAX_VALUE, tickets));
        }
        long cpuBefore = benchCpuNanos();
        meter.begin();
        long started = System.nanoTime();
        workers.forEach(Worker::start);
        workers.forEach(Worker::join);
        long elapsed = System.nanoTime() - started;
        meter.end();
        long cpuAfter = benchCpuNanos();
        return collect(workers, elapsed / 1e9, (cpuAfter - cpuBefore) / 1e6);
    }

    private static Result collect(List<Worker> workers, double seconds, double cpuMillis) {
        long completed = 0;
        long errors = 0;
        List<long[]> all = new ArrayList<>();
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw new IllegalStateException("a load worker could not start", worker.failure);
            }
            completed += worker.count;
            errors += worker.errors;
            all.add(Arrays.copyOf(worker.samples, worker.count));
        }
        long[] merged = new long[(int) completed];
        int at = 0;
        for (long[] part : all) {
            System.arraycopy(part, 0, merged, at, part.length);
            at += part.length;
        }
        return new Result(completed, errors, seconds, Latency.of(merged), cpuMillis);
    }

    private static long benchCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            ChildProcess.sleep(Duration.ofNanos(left));
        }
    }

    /** One virtual thread and the latencies of the operations it completed inside the window. */
    private static final class Worker {
        private final IntFunction<Operation> operations;
        private final int index;
        private final long windowStart;
        private final long windowEnd;
        private final AtomicLong tickets;
        private Thread thread;
        private long[] samples = new long[1024];
        private int count;
        private long errors;
        private Exception failure;

        Worker(IntFunction<Operation> operations, int index, long windowStart, long windowEnd, AtomicLong tickets) {
            this.operations = operations;
            this.index = index;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.tickets = tickets;
        }

        void start() {
            thread = Thread.ofVirtual().name("load-" + index).start(this::loop);
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private void loop() {
            try (Operation operation = operations.apply(index)) {
                while (more()) {
                    long begin = System.nanoTime();
                    boolean ok;
                    try {
                        ok = operation.run();
                    } catch (Exception e) {
                        ok = false;
                    }
                    long end = System.nanoTime();
                    if (end >= windowStart && end <= windowEnd) {
                        record(end - begin, ok);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private boolean more() {
            return tickets == null ? System.nanoTime() < windowEnd : tickets.getAndDecrement() > 0;
        }

        private void record(long nanos, boolean ok) {
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
            }
            samples[count++] = nanos;
            if (!ok) {
                errors++;
            }
        }
    }
}
