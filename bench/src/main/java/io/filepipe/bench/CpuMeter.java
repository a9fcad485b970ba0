package io.filepipe.bench;

import java.util.function.DoubleSupplier;

/**
 * Reads a process's CPU time (from /proc) at both edges of a measured window, and optionally has an
 * {@link RssSampler} watch its memory meanwhile.
 */
final class CpuMeter implements ClosedLoop.Meter {

    private final DoubleSupplier cpuMillis;
    private final RssSampler rss;
    private double before;
    private double after;

    CpuMeter(ChildProcess process, RssSampler rss) {
        this(process::cpuMillis, rss);
    }

    /** Reads the CPU milliseconds used so far from {@code cpuMillis}. */
    CpuMeter(DoubleSupplier cpuMillis, RssSampler rss) {
        this.cpuMillis = cpuMillis;
        this.rss = rss;
    }

    @Override
    public void begin() {
        before = cpuMillis.getAsDouble();
        if (rss != null) {
            rss.start();
        }
    }

    @Override
    public void end() {
        after = cpuMillis.getAsDouble();
        if (rss != null) {
            rss.stop();
        }
    }

    /** CPU milliseconds the process used inside the window. */
    double millis() {
        return after - before;
    }
}
