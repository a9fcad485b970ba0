package io.filepipe.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One line per step on stderr, with the time since the bench started, so a long run shows where it
 * is. Every step also samples the machine's load average, which the report quotes.
 */
final class Progress {

    private static final long STARTED = System.nanoTime();
    private static final List<Double> LOADS = new CopyOnWriteArrayList<>();

    private Progress() {
    }

    static void step(String what) {
        long seconds = Duration.ofNanos(System.nanoTime() - STARTED).toSeconds();
        double load = Machine.load();
        LOADS.add(load);
        System.err.printf("[bench %3d:%02d] %s (load %.2f)%n", seconds / 60, seconds % 60, what, load);
    }

    /** The 1-minute load averages seen at every step so far. */
    static List<Double> loads() {
        return List.copyOf(LOADS);
    }
}
