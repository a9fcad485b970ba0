package io.filepipe.local.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(0);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalLineShowsTheBarBytesPerCentRateAndTimeLeft() {
        ProgressBar bar = new ProgressBar(out, true, 1024 * MIB, 0, now::get);

        assertEquals("[###############---------------]  50%  512.0 MiB / 1.0 GiB  64.0 MiB/s  ETA 0:08",
                bar.render(512 * MIB, 8 * SECOND));
    }

    @Test
    void beforeAnyByteTheRateAndTimeLeftAreUnknown() {
        ProgressBar bar = new ProgressBar(out, false, 100, 0, now::get);

        assertEquals("  0%  0 B / 100 B  -/s  ETA -:--", bar.render(0, 0));
    }

    @Test
    void aResumedUploadCountsThePartsSentBeforeInThePerCentButNotInTheRate() {
        ProgressBar bar = new ProgressBar(out, false, 100 * MIB, 50 * MIB, now::get);

        assertEquals(" 75%  75.0 MiB / 100.0 MiB  12.5 MiB/s  ETA 0:02", bar.render(75 * MIB, 2 * SECOND));
    }

    @Test
    void withoutATerminalItPrintsAPlainLineAtEachTenthOnly() {
        ProgressBar bar = new ProgressBar(out, false, 100, 0, now::get);

        for (int i = 0; i < 100; i++) {
            now.addAndGet(SECOND / 100);
            bar.advance(1);
        }
        bar.finish();

        assertEquals(10, printed().lines().count(), printed());
        assertEquals(" 10%  10 B / 100 B  100 B/s  ETA 0:01", printed().lines().findFirst().orElseThrow());
        assertEquals(100, printed().lines().reduce((a, b) -> b).map(l -> Integer.parseInt(l.trim().split("%")[0]))
                .orElseThrow());
    }

    @Test
    void onATerminalItRedrawsOneLineAtMostTenTimesASecondAndEndsItOnFinish() {
        ProgressBar bar = new ProgressBar(out, true, 1000, 0, now::get);

        for (int i = 0; i < 1000; i++) {
            now.addAndGet(SECOND / 1000);
            bar.advance(1);
        }
        bar.finish();

        long redraws = printed().chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 12, redraws + " redraws");
        assertEquals(1, printed().chars().filter(c -> c == '\n').count(), "one line, ended once");
        assertTrue(printed().endsWith("] 100%  1000 B / 1000 B  1000 B/s  ETA 0:00\n"), printed());
    }
}
