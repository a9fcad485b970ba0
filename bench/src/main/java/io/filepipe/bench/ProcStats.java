package io.filepipe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What Linux's /proc says about one process: CPU time used (user + system, from
 * {@code /proc/<pid>/stat}) and resident memory (from {@code /proc/<pid>/status}). These are the
 * kernel's own counters, so they cost the measured process nothing and stay right on a busy machine.
 */
final class ProcStats {

    /** Clock ticks per second of the stat counters ({@code getconf CLK_TCK}); 100 on every common Linux. */
    static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /** CPU milliseconds (user + system) the process has used so far. */
    static double cpuMillis(long pid) {
        return cpuMillis(read(Path.of("/proc", Long.toString(pid), "stat")), CLOCK_TICKS);
    }

    /** CPU milliseconds (user + system) in the text of a {@code /proc/<pid>/stat} file. */
    static double cpuMillis(String stat, long clockTicks) {
        // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) * 1000.0 / clockTicks;
    }

    /** Resident set size now, in KiB. */
    static long rssKiB(long pid) {
        return statusKiB(pid, "VmRSS:");
    }

    /** The highest resident set size the process ever had, in KiB. */
    static long peakRssKiB(long pid) {
        return statusKiB(pid, "VmHWM:");
    }

    private static long statusKiB(long pid, String field) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        return statusKiB(read(status), field)
                .orElseThrow(() -> new IllegalStateException(field + " missing from " + status));
    }

    /** The KiB value of {@code field} (e.g. {@code VmRSS:}) in the text of a {@code /proc/<pid>/status} file. */
    static OptionalLong statusKiB(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return OptionalLong.of(Long.parseLong(line.substring(field.length()).replace("kB", "").strip()));
            }
        }
        return OptionalLong.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the process ended?)", e);
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
