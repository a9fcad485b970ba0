package io.filepipe.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code java} command line split into JVM options and what it launches ({@code -jar X} or
 * {@code -cp X Main args}), read from a Dockerfile's final ENTRYPOINT and CMD so the bench starts
 * the processes exactly as the images do. Only the in-image paths are rewritten, by the caller.
 */
record JvmCommand(List<String> options, List<String> launch) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEREDOC = Pattern.compile("<<-?['\"]?(\\w+)['\"]?");
    private static final String AUTO_ARCHIVE = "-XX:+AutoCreateSharedArchive";
    private static final String ARCHIVE_FILE = "-XX:SharedArchiveFile=";
    /** HotSpot's option that caps the JIT at C1. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    JvmCommand {
        options = List.copyOf(options);
        launch = List.copyOf(launch);
    }

    /**
     * Reads ENTRYPOINT and CMD (exec form) of the last stage of {@code dockerfile};
     * {@code rewriteLaunch} maps the in-image launch part ({@code -jar /app/x.jar}) to local paths.
     */
    static JvmCommand fromDockerfile(Path dockerfile, UnaryOperator<List<String>> rewriteLaunch) {
        try {
            return fromDockerfile(Files.readAllLines(dockerfile), dockerfile.toString(), rewriteLaunch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
    }

    /** The same, from the lines of a Dockerfile; {@code source} names it in errors. */
    static JvmCommand fromDockerfile(List<String> dockerfile, String source, UnaryOperator<List<String>> rewriteLaunch) {
        List<String> entrypoint = null;
        List<String> cmd = List.of();
        try {
            for (String instruction : instructions(dockerfile)) {
                String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
                String args = instruction.substring(keyword.length()).strip();
                switch (keyword) {
                    case "FROM" -> {
                        entrypoint = null;
                        cmd = List.of();
                    }
                    case "ENTRYPOINT" -> entrypoint = JSON.readValue(args, new TypeReference<List<String>>() { });
                    case "CMD" -> cmd = JSON.readValue(args, new TypeReference<List<String>>() { });
                    default -> {
                        // nothing else changes what the container runs
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (entrypoint == null || entrypoint.isEmpty() || !entrypoint.getFirst().equals("java")) {
            throw new IllegalStateException(source + ": the last stage's ENTRYPOINT does not start java");
        }
        List<String> all = new ArrayList<>(entrypoint.subList(1, entrypoint.size()));
        all.addAll(cmd);
        int launchAt = 0;
        while (launchAt < all.size() && all.get(launchAt).startsWith("-")
                && !List.of("-jar", "-cp", "-classpath", "--class-path").contains(all.get(launchAt))) {
            launchAt++;
        }
        return new JvmCommand(all.subList(0, launchAt), rewriteLaunch.apply(all.subList(launchAt, all.size())));
    }

    /** Dockerfile instructions with continuation lines joined; comments and heredoc bodies dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String heredocEnd = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (heredocEnd != null) {
                if (trimmed.equals(heredocEnd)) {
                    heredocEnd = null;
                }
                continue;
            }
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            Matcher heredoc = HEREDOC.matcher(trimmed);
            if (heredoc.find()) {
                heredocEnd = heredoc.group(1);
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString());
            current.setLength(0);
        }
        return instructions;
    }

    /** True when the image starts with a dynamic AppCDS archive. */
    boolean usesClassArchive() {
        return options.stream().anyMatch(o -> o.equals(AUTO_ARCHIVE) || o.startsWith(ARCHIVE_FILE));
    }

    /** The same command without the image's class archive options. */
    JvmCommand withoutClassArchive() {
        return new JvmCommand(options.stream().filter(o -> !o.equals(AUTO_ARCHIVE) && !o.startsWith(ARCHIVE_FILE)).toList(),
                launch);
    }

    /** With a dynamic AppCDS archive at {@code archive}, created by the first run that exits. */
    JvmCommand withClassArchive(Path archive) {
        return withoutClassArchive().plus(AUTO_ARCHIVE, ARCHIVE_FILE + archive);
    }

    /** True when the JIT is capped at C1. */
    boolean c1Only() {
        return options.contains(C1_ONLY);
    }

    /** The same command with C1 and C2: without {@link #C1_ONLY}. */
    JvmCommand tiered() {
        return new JvmCommand(options.stream().filter(o -> !o.equals(C1_ONLY)).toList(), launch);
    }

    /** The same command with {@code extra} options appended to the JVM options. */
    JvmCommand plus(String... extra) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(extra));
        return new JvmCommand(all, launch);
    }

    /** The launch part only, with the JVM's defaults: {@code java -jar x.jar}. */
    JvmCommand withoutOptions() {
        return new JvmCommand(List.of(), launch);
    }

    List<String> toList(Path java) {
        List<String> line = new ArrayList<>();
        line.add(java.toString());
        line.addAll(options);
        line.addAll(launch);
        return line;
    }
}
