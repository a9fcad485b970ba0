package io.filepipe.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Waits for something another process makes true (a server up, a file processed), by asking
 * again every {@link #INTERVAL} until a deadline. Prefer an event when the code under test offers
 * one (a latch, a checkpoint, a runner's passes); this is for what can only be observed from outside.
 * Every deadline is multiplied by {@link #TIME_FACTOR}.
 */
public final class Await {

    /** {@code FILEPIPE_TEST_TIME_FACTOR}, default 1: a slow CI machine raises every deadline with it. */
    public static final double TIME_FACTOR = timeFactor(System.getenv("FILEPIPE_TEST_TIME_FACTOR"));
    public static final Duration INTERVAL = Duration.ofMillis(50);

    private Await() {
    }

    /** The deadline as this machine needs it. */
    public static Duration scaled(Duration deadline) {
        return Duration.ofNanos(Math.round(deadline.toNanos() * TIME_FACTOR));
    }

    /**
     * Asks {@code probe} until its answer satisfies {@code done} and returns that answer; after the
     * (scaled) deadline fails with {@code what} and the last answer.
     */
    public static <T> T until(String what, Duration deadline, Callable<T> probe, Predicate<? super T> done)
            throws Exception {
        // nothing tells when the answer changes: ask again every INTERVAL
        return untilAfter(what, deadline, left -> Thread.sleep(INTERVAL), probe, done);
    }

    /**
     * The next event of the code under test, awaited for at most {@code left}: e.g.
     * {@code left -> pipe.awaitPasses(1, left)}. A {@link TimeoutException} means none came in time.
     */
    @FunctionalInterface
    public interface Event {
        void await(Duration left) throws Exception;
    }

    /**
     * Asks {@code probe} now and again after each {@code event}, until its answer satisfies
     * {@code done}, and returns that answer; after the (scaled) deadline fails with {@code what} and
     * the last answer. For code that tells when something happened (a pass of the pipe): the test
     * looks exactly when there is something new to see, never on an interval.
     */
    public static <T> T untilAfter(String what, Duration deadline, Event event, Callable<T> probe,
                                   Predicate<? super T> done) throws Exception {
        Duration limit = scaled(deadline);
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            T answer = probe.call();
            if (done.test(answer)) {
                return answer;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(what + ": not within " + limit + ", last seen " + answer);
            }
            try {
                event.await(Duration.ofNanos(left));
            } catch (TimeoutException noEventInTime) {
                // look a last time, then fail on the deadline
            }
        }
    }

    static double timeFactor(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            double factor = Double.parseDouble(value);
            if (factor > 0) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("FILEPIPE_TEST_TIME_FACTOR must be a positive number, not '" + value + "'");
    }
}
