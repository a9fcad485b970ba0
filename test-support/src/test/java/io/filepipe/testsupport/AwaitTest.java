package io.filepipe.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
    void theTimeFactorIsOneUnlessSetAndMustBePositive() {
        assertEquals(1, Await.timeFactor(null));
        assertEquals(1, Await.timeFactor(""));
        assertEquals(2.5, Await.timeFactor("2.5"));
        assertThrows(IllegalArgumentException.class, () -> Await.timeFactor("0"));
        assertThrows(IllegalArgumentException.class, () -> Await.timeFactor("slow"));
    }
}
