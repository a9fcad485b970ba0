package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void measuresTheCpuTimeUsedBetweenBeginAndEnd() {
        Iterator<Double> readings = List.of(1200.5, 1450.0).iterator();
        CpuMeter meter = new CpuMeter(readings::next, null);

        meter.begin();
        meter.end();

        assertEquals(249.5, meter.millis());
    }

    @Test
    void watchesTheMemoryOnlyInsideTheWindow() throws InterruptedException {
        CountDownLatch sampled = new CountDownLatch(1);
        RssSampler rss = new RssSampler(() -> {
            sampled.countDown();
            return 2048;
        });
        CpuMeter meter = new CpuMeter(() -> 0.0, rss);

        meter.begin();
        assertTrue(sampled.await(10, TimeUnit.SECONDS), "the sampler runs once the window begins");
        meter.end();

        assertEquals(2048, rss.peakKiB());
    }
}
