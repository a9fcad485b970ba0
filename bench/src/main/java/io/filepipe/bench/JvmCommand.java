package io.filepipe.bench;

import io.filepipe.testsupport.image.Dockerfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@code java} command line split into JVM options and what it launches ({@code -jar X} or
 * {@code -cp X Main args}), read from a Dockerfile's final ENTRYPOINT and CMD (test-support's
 * {@link Dockerfile} reader) so the bench starts the processes exactly as the images do. Only the
 * in-image paths are rewritten, by the caller.
 */
record JvmCommand(List<String> options, List<String> launch) {

    private static final String AUTO_ARCHIVE = "-XX:+AutoCreateSharedArchive";
    private static final String ARCHIVE_FILE = "-XX:SharedArchiveFile=";
    /** HotSpot's option that caps the JIT at C1. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    JvmCommand {
        options = List.copyOf(options);
        launch = List.copyOf(launch);
    }

    /**
     * The java command of {@code dockerfile}'s last stage (ENTRYPOINT and CMD); {@code rewriteLaunch}
     * maps the in-image launch part ({@code -jar /app/x.jar}) to local paths.
     *
     * @throws IllegalStateException when that stage's ENTRYPOINT does not start java
     */
    static JvmCommand fromDockerfile(Dockerfile dockerfile, UnaryOperator<List<String>> rewriteLaunch) {
        List<String> all = dockerfile.javaArguments();
        int launchAt = 0;
        while (launchAt < all.size() && all.get(launchAt).startsWith("-")
                && !List.of("-jar", "-cp", "-classpath", "--class-path").contains(all.get(launchAt))) {
            launchAt++;
        }
        return new JvmCommand(all.subList(0, launchAt), rewriteLaunch.apply(all.subList(launchAt, all.size())));
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
