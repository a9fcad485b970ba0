package io.filepipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the moment: CPU model, memory, JDK, commit, load, other builds running. */
final class Machine {

    private Machine() {
    }

    static String cpuModel() {
        return firstValue(lines(Path.of("/proc/cpuinfo")), "model name").orElse(System.getProperty("os.arch"));
    }

    static long memoryMiB() {
        return memoryMiB(lines(Path.of("/proc/meminfo")));
    }

    /** MemTotal of the lines of {@code /proc/meminfo}, in MiB; -1 without it. */
    static long memoryMiB(List<String> meminfo) {
        return firstValue(meminfo, "MemTotal").map(v -> Long.parseLong(v.replace("kB", "").strip()) / 1024).orElse(-1L);
    }

    static String jdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
    }

    /** The 1-minute load average. */
    static double load() {
        try {
            return load(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The 1-minute load average in the text of {@code /proc/loadavg}; NaN when it holds none. */
    static double load(String loadavg) {
        try {
            return Double.parseDouble(loadavg.split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Maven, Surefire or Failsafe processes of other builds on this machine right now. */
    static long otherBuilds() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("surefire") || c.contains("failsafe") || c.contains("plexus-classworlds"))
                .count();
    }

    static String gitCommit(Path repo) {
        String head = run(repo, "git", "rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        // results and prose do not change what is measured
        String changes = run(repo, "git", "status", "--porcelain", "--", ".", ":(exclude)bench/results", ":(exclude)*.md");
        return changes.isEmpty() ? head : head + " with uncommitted changes";
    }

    private static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The value after the colon of the first {@code key: value} line starting with {@code key}. */
    static Optional<String> firstValue(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
