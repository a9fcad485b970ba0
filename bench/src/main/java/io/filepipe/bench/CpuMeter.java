package io.filepipe.bench;

/**
 * Reads a process's CPU time (from /proc) at both edges of a measured window, and optionally has an
 * {@link RssSampler} watch its memory meanwhile.
 */
final class CpuMeter implements ClosedLoop.Meter {

    private final ChildProcess process;
    private final RssSampler rss;
    private double before;
    private double after;

    CpuMeter(ChildProcess process, RssSampler rss) {
        this.process = process;
        this.rss = rss;
    }

    @Override
    public void begin() {
        before = process.cpuMillis();
        if (rss != null) {
            rss.start();
        }
    }

    @Override
    public void end() {
        after = process.cpuMillis();
        if (rss != null) {
            rss.stop();
        }
    }

    /** CPU milliseconds the process used inside the window. */
    double millis() {
        return after - before;
    }
}
