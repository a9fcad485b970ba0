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
record JvmCommand(List<String> wrapper, List<String> options, List<String> launch) {

    private static final String AUTO_ARCHIVE = "-XX:+AutoCreateSharedArchive";
    private static final String ARCHIVE_FILE = "-XX:SharedArchiveFile=";
    private static final String AOT_CACHE = "-XX:AOTCache=";
    private static final String AOT_CACHE_OUTPUT = "-XX:AOTCacheOutput=";
    /** HotSpot's option that caps the JIT at C1. */
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    JvmCommand {
        wrapper = List.copyOf(wrapper);
        options = List.copyOf(options);
        launch = List.copyOf(launch);
    }

    /** {@code java} with these options launching this, not wrapped in another command. */
    JvmCommand(List<String> options, List<String> launch) {
        this(List.of(), options, launch);
    }

    /** The same command pinned to the first CPU with {@code taskset}, as on a function with one vCPU. */
    JvmCommand onOneCpu() {
        return new JvmCommand(List.of("taskset", "-c", "0"), options, launch);
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

    /**
     * How a command starts from what a training run wrote: the command itself, the training run's
     * command, and the file the training writes.
     */
    record Trained(JvmCommand command, JvmCommand training, Path produces) {
    }

    /** True when the image starts from a JDK 25 AOT cache. */
    boolean usesAotCache() {
        return options.stream().anyMatch(o -> o.startsWith(AOT_CACHE));
    }

    /** True when the image starts from a dynamic AppCDS archive (the images before the AOT cache). */
    boolean usesClassArchive() {
        return options.stream().anyMatch(o -> o.equals(AUTO_ARCHIVE) || o.startsWith(ARCHIVE_FILE));
    }

    /** The same command without the image's AOT cache or class archive options. */
    JvmCommand withoutStartCache() {
        return new JvmCommand(wrapper, options.stream().filter(o -> !o.equals(AUTO_ARCHIVE)
                && !o.startsWith(ARCHIVE_FILE) && !o.startsWith(AOT_CACHE)).toList(), launch);
    }

    /** With a dynamic AppCDS archive at {@code archive}, created by the first run that exits. */
    JvmCommand withClassArchive(Path archive) {
        return withoutStartCache().plus(AUTO_ARCHIVE, ARCHIVE_FILE + archive);
    }

    /** Reading the AOT cache at {@code cache}. */
    JvmCommand withAotCache(Path cache) {
        return withoutStartCache().plus(AOT_CACHE + cache);
    }

    /**
     * The image's way to start, in {@code dir}: its AOT cache, written by a training run with the
     * options {@code trainingOptions} the Dockerfile's training adds, or its AppCDS archive (an
     * image before the AOT cache), or nothing to train.
     */
    Trained trained(Path dir, String name, List<String> trainingOptions) {
        if (usesAotCache()) {
            Path cache = dir.resolve(name + ".aot");
            List<String> training = new ArrayList<>(trainingOptions);
            training.add(AOT_CACHE_OUTPUT + cache);
            return new Trained(withAotCache(cache), withoutStartCache().plus(training.toArray(String[]::new)), cache);
        }
        if (usesClassArchive()) {
            Path archive = dir.resolve(name + ".jsa");
            return new Trained(withClassArchive(archive), withClassArchive(archive), archive);
        }
        return new Trained(this, null, null);
    }

    /**
     * The options a Dockerfile's AOT training run adds to its ENTRYPOINT's (the java command in its
     * training script that writes the cache), without the output option itself; empty for an image
     * without an AOT cache.
     */
    static List<String> aotTrainingOptions(Dockerfile dockerfile) {
        List<String> entrypoint = dockerfile.javaArguments();
        for (String script : dockerfile.scripts()) {
            for (String line : script.replace("\\\n", " ").split("\n")) {
                List<String> words = List.of(line.strip().split("\\s+"));
                int java = words.indexOf("java");
                if (java >= 0 && words.stream().anyMatch(w -> w.startsWith(AOT_CACHE_OUTPUT))) {
                    return words.subList(java + 1, words.size()).stream()
                            .takeWhile(w -> w.startsWith("-") && !List.of("-jar", "-cp").contains(w))
                            .filter(w -> !w.startsWith(AOT_CACHE_OUTPUT) && !entrypoint.contains(w))
                            .toList();
                }
            }
        }
        return List.of();
    }

    /** True when the JIT is capped at C1. */
    boolean c1Only() {
        return options.contains(C1_ONLY);
    }

    /** The same command with C1 and C2: without {@link #C1_ONLY}. */
    JvmCommand tiered() {
        return new JvmCommand(wrapper, options.stream().filter(o -> !o.equals(C1_ONLY)).toList(), launch);
    }

    /** The same command with {@code extra} options appended to the JVM options. */
    JvmCommand plus(String... extra) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(extra));
        return new JvmCommand(wrapper, all, launch);
    }

    /** The launch part only, with the JVM's defaults: {@code java -jar x.jar}. */
    JvmCommand withoutOptions() {
        return new JvmCommand(wrapper, List.of(), launch);
    }

    List<String> toList(Path java) {
        List<String> line = new ArrayList<>(wrapper);
        line.add(java.toString());
        line.addAll(options);
        line.addAll(launch);
        return line;
    }
}
