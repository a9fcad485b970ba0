package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    /** utime 250 and stime 50 ticks (fields 14 and 15), behind a command name with spaces and parentheses. */
    private static final String STAT = "4242 (java (my app) x) S 1 4242 4242 0 -1 4194560 9100 0 12 0 250 50 0 0 20 0 "
            + "31 0 1234567 3000000000 65000 18446744073709551615\n";

    private static final String STATUS = """
            Name:\tjava
            State:\tS (sleeping)
            VmPeak:\t 3012345 kB
            VmHWM:\t  524288 kB
            VmRSS:\t  262144 kB
            Threads:\t31
            """;

    @Test
    void cpuTimeIsUserPlusSystemTicksInMilliseconds() {
        assertEquals(3000.0, ProcStats.cpuMillis(STAT, 100));
        assertEquals(1200.0, ProcStats.cpuMillis(STAT, 250));
    }

    @Test
    void residentAndPeakMemoryAreReadByTheirField() {
        assertEquals(OptionalLong.of(262144), ProcStats.statusKiB(STATUS, "VmRSS:"));
        assertEquals(OptionalLong.of(524288), ProcStats.statusKiB(STATUS, "VmHWM:"));
    }

    @Test
    void aFieldTheStatusLacksIsEmpty() {
        assertEquals(OptionalLong.empty(), ProcStats.statusKiB("Name:\tjava\n", "VmRSS:"));
    }

    @Test
    void readsTheCountersOfARunningProcess() {
        long self = ProcessHandle.current().pid();

        assertTrue(ProcStats.cpuMillis(self) > 0);
        assertTrue(ProcStats.rssKiB(self) > 0);
        assertTrue(ProcStats.peakRssKiB(self) > 0);
    }
}
