package io.filepipe.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightRequestsTest {

    /** Only a bound for steps that do happen. */
    private static final Duration STEP = Duration.ofSeconds(20);

    private final InFlightRequests requests = new InFlightRequests();

    @Test
    void aDrainWithNothingInFlightEndsAtOnce() throws Exception {
        assertTrue(requests.drain(STEP));
    }

    @Test
    void noRequestIsAdmittedOnceADrainHasBegun() throws Exception {
        assertTrue(requests.admit());
        requests.release();

        requests.drain(Duration.ZERO);

        assertFalse(requests.admit());
        assertEquals(0, requests.count());
    }

    @Test
    void aDrainEndsWhenTheLastRequestInFlightIsReleased() throws Exception {
        requests.admit();
        requests.admit();

        CompletableFuture<Boolean> drain = CompletableFuture.supplyAsync(() -> drainQuietly(STEP));
        assertTrue(requests.awaitDraining(STEP));
        requests.release();
        assertTrue(requests.awaitCount(1, STEP));
        assertFalse(drain.isDone(), "one request is still in flight");
        requests.release();

        assertTrue(drain.get(STEP.toSeconds(), TimeUnit.SECONDS), "every request finished within the grace");
    }

    @Test
    void aDrainGivesUpAtItsDeadline() throws Exception {
        requests.admit();

        assertFalse(requests.drain(Duration.ofMillis(50)));
        assertEquals(1, requests.count());
    }

    @Test
    void releasingARequestThatWasNeverAdmittedIsRefused() {
        assertThrows(IllegalStateException.class, requests::release);
    }

    private boolean drainQuietly(Duration grace) {
        try {
            return requests.drain(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
