package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RssSamplerTest {

    @Test
    void keepsTheHighestSample() throws InterruptedException {
        Iterator<Long> samples = List.of(300L, 700L, 200L).iterator();
        CountDownLatch threeSamples = new CountDownLatch(3);
        RssSampler sampler = new RssSampler(() -> {
            threeSamples.countDown();
            return samples.hasNext() ? samples.next() : 100L;
        });

        sampler.start();
        assertTrue(threeSamples.await(10, TimeUnit.SECONDS), "three samples taken");
        sampler.stop();

        assertEquals(700, sampler.peakKiB());
    }
}
