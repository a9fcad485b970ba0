package io.filepipe.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Samples a process's resident memory every 100 ms between start and stop, and keeps the highest. */
final class RssSampler {

    private static final Duration PERIOD = Duration.ofMillis(100);

    private final LongSupplier rssKiB;
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    RssSampler(ChildProcess process) {
        this(process::rssKiB);
    }

    /** Reads the resident memory in KiB from {@code rssKiB}. */
    RssSampler(LongSupplier rssKiB) {
        this.rssKiB = rssKiB;
    }

    void start() {
        running = true;
        thread = Thread.ofVirtual().name("rss-sampler").start(() -> {
            while (running) {
                peak.accumulateAndGet(rssKiB.getAsLong(), Math::max);
                ChildProcess.sleep(PERIOD);
            }
        });
    }

    void stop() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    long peakKiB() {
        return peak.get();
    }
}
