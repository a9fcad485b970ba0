package io.filepipe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR execution-sample profile of the running API while a load runs: started and stopped with
 * {@code jcmd} around the load only, then summarised as the hottest methods (self time), the
 * filepipe methods with the most samples beneath them (inclusive), and the hottest packages.
 */
final class ApiProfiler {

    private static final int TOP = 25;

    private final Toolchain tools;
    private final Path work;

    ApiProfiler(Toolchain tools, Path work) {
        this.tools = tools;
        this.work = work;
    }

    Results.Profile profile(ChildProcess api, Runnable load, String label) {
        Path recording = work.resolve("api-profile.jfr");
        jcmd(api.pid(), "JFR.start", "name=bench", "settings=profile");
        load.run();
        jcmd(api.pid(), "JFR.stop", "name=bench", "filename=" + recording);
        Progress.step("profile written to " + recording + " (jfr print --events jdk.ExecutionSample to read it)");
        return summarize(recording, label);
    }

    private void jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(tools.java().resolveSibling("jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(work.resolve("logs/jcmd.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed; see logs/jcmd.log");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Results.Profile summarize(Path recording, String label) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> filepipe = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                RecordedFrame top = frames.getFirst();
                self.merge(name(top), 1L, Long::sum);
                packages.merge(packageOf(top), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (name.startsWith("io.filepipe.") && seen.add(name)) {
                        filepipe.merge(name, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + recording, e);
        }
        return new Results.Profile(label, samples, top(self, samples), top(filepipe, samples), top(packages, samples));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private static List<Results.Frame> top(Map<String, Long> counts, long total) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .map(e -> new Results.Frame(e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, total)))
                .toList();
    }
}
