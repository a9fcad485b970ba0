package io.filepipe.testsupport.memory;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;

/**
 * Actions queued by a test to run before the next calls of an operation, one action per call (a
 * fault to throw, or a step of another actor to interleave). Thread-safe.
 */
final class Interceptions<O extends Enum<O>> {

    private final Map<O, Queue<Runnable>> queued;

    Interceptions(Class<O> operations) {
        queued = new EnumMap<>(operations);
    }

    synchronized void add(O operation, Runnable action) {
        queued.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(action);
    }

    /** Runs the action queued for this call of {@code operation}, if any (outside the store's lock). */
    void before(O operation) {
        Runnable action;
        synchronized (this) {
            Queue<Runnable> actions = queued.get(operation);
            action = actions == null ? null : actions.poll();
        }
        if (action != null) {
            action.run();
        }
    }
}
