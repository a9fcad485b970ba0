package io.filepipe.api.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The requests being answered, for a graceful stop: once {@link #drain} has begun no request is
 * admitted any more, and the stop waits, up to a deadline, for those admitted to be released.
 * Tests await its states instead of guessing how long a step takes.
 */
public final class InFlightRequests {

    private int count;
    private boolean draining;

    /** Counts a request in; false once a drain has begun (the request must be turned away). */
    synchronized boolean admit() {
        if (draining) {
            return false;
        }
        count++;
        notifyAll();
        return true;
    }

    /** Counts an admitted request out. */
    synchronized void release() {
        if (count == 0) {
            throw new IllegalStateException("released a request that was never admitted");
        }
        count--;
        notifyAll();
    }

    /**
     * Admits no request from now on and waits until none is in flight, at most {@code grace}.
     *
     * @return whether every request finished in time
     */
    boolean drain(Duration grace) throws InterruptedException {
        synchronized (this) {
            draining = true;
            notifyAll();
        }
        return awaitCount(0, grace);
    }

    /** How many requests are in flight now. */
    public synchronized int count() {
        return count;
    }

    /**
     * Waits until exactly {@code expected} requests are in flight, at most {@code timeout}.
     *
     * @return whether that many were
     */
    public boolean awaitCount(int expected, Duration timeout) throws InterruptedException {
        return await(() -> count == expected, timeout);
    }

    /**
     * Waits until a drain has begun, at most {@code timeout}.
     *
     * @return whether it had
     */
    public boolean awaitDraining(Duration timeout) throws InterruptedException {
        return await(() -> draining, timeout);
    }

    private synchronized boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
