package io.filepipe.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsTheFirstAnswerThatSatisfiesTheCondition() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        int answer = Await.until("three calls", Duration.ofSeconds(10), calls::incrementAndGet, n -> n >= 3);

        assertEquals(3, answer);
    }

    @Test
    void failsAfterTheDeadlineNamingWhatAndTheLastAnswer() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Await.until("a miracle", Duration.ofMillis(100), () -> "nothing yet", s -> false));

        assertTrue(failure.getMessage().startsWith("a miracle: not within"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("last seen nothing yet"), failure.getMessage());
    }

    @Test
    void untilAfterLooksAfterEachEventUntilTheConditionHolds() throws Exception {
        AtomicInteger events = new AtomicInteger();

        int seen = Await.untilAfter("three events", Duration.ofSeconds(10), left -> events.incrementAndGet(), events::get,
                n -> n == 3);

        assertEquals(3, seen);
        assertEquals(3, events.get(), "no look without an event before it, except the first");
    }

    @Test
    void untilAfterFailsWhenNoEventBringsTheConditionBeforeTheDeadline() {
        Semaphore never = new Semaphore(0);

        AssertionError failure = assertThrows(AssertionError.class, () -> Await.untilAfter("a pass that changes things",
                Duration.ofMillis(100), left -> {
                    if (!never.tryAcquire(left.toNanos(), TimeUnit.NANOSECONDS)) {
                        throw new TimeoutException();
                    }
                }, () -> "unchanged", s -> false));

        assertTrue(failure.getMessage().startsWith("a pass that changes things: not within"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("last seen unchanged"), failure.getMessage());
    }

    @Test
    void theTimeFactorIsOneUnlessSetAndMustBePositive() {
        assertEquals(1, Await.timeFactor(null));
        assertEquals(1, Await.timeFactor(""));
        assertEquals(2.5, Await.timeFactor("2.5"));
        assertThrows(IllegalArgumentException.class, () -> Await.timeFactor("0"));
        assertThrows(IllegalArgumentException.class, () -> Await.timeFactor("slow"));
    }
}
