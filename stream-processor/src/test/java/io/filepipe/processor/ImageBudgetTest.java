package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.testsupport.Await;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ImageBudgetTest {

    private final ImageBudget budget = new ImageBudget(Duration.ofMillis(200));

    @Test
    void workThatFinishesInTimeGivesItsResult() {
        assertEquals(Optional.of("pixels"), budget.run(cancellation -> "pixels"));
    }

    @Test
    void workThatOutlastsTheBudgetIsAskedToStopAndTheCallerGoesOn() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);

        Optional<String> result = budget.run(cancellation -> {
            while (!cancellation.requested()) {
                Thread.onSpinWait(); // a decoder that only stops when asked
            }
            stopped.countDown();
            return "too late";
        });

        assertEquals(Optional.empty(), result);
        assertTrue(stopped.await(Await.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS),
                "the work was told to stop");
    }

    @Test
    void whatTheWorkThrowsIsThrownToTheCaller() {
        IllegalStateException failure = new IllegalStateException("encoder broke");

        assertSame(failure, assertThrows(IllegalStateException.class, () -> budget.run(cancellation -> {
            throw failure;
        })));
    }

    @Test
    void theWorkRunsOnAPlatformThreadSoAVirtualCallerFreesItsCarrier() throws InterruptedException {
        AtomicBoolean onVirtualThread = new AtomicBoolean(true);

        Thread caller = Thread.ofVirtual().start(() -> budget.run(cancellation -> {
            onVirtualThread.set(Thread.currentThread().isVirtual());
            return null;
        }));
        caller.join();

        assertFalse(onVirtualThread.get());
    }
}
