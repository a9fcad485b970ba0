package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void theCpuModelIsTheValueOfTheFirstModelNameLine() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
                "model name\t: AMD EPYC 7763 64-Core Processor", "processor\t: 1", "model name\t: another");

        assertEquals(Optional.of("AMD EPYC 7763 64-Core Processor"), Machine.firstValue(cpuinfo, "model name"));
        assertEquals(Optional.empty(), Machine.firstValue(cpuinfo, "flags"));
    }

    @Test
    void memoryIsMemTotalInWholeMebibytes() {
        List<String> meminfo = List.of("MemTotal:        8135196 kB", "MemFree:          412345 kB");

        assertEquals(7944, Machine.memoryMiB(meminfo));
    }

    @Test
    void memoryIsMinusOneWithoutMemTotal() {
        assertEquals(-1, Machine.memoryMiB(List.of()));
    }

    @Test
    void theLoadIsTheFirstFieldOfLoadavg() {
        assertEquals(0.52, Machine.load("0.52 0.58 0.59 1/389 12345\n"));
    }

    @Test
    void anUnreadableLoadIsNotANumber() {
        assertTrue(Double.isNaN(Machine.load("")));
    }
}
