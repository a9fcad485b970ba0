package io.filepipe.testsupport.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a multi-stage Dockerfile builds and runs, read from the file itself: the base image of every
 * stage, the WORKDIR of the stage named {@value #BUILD_STAGE} (which copies the repository), and of
 * the final stage its WORKDIR, ENV, USER, {@code COPY --from} lines, the build-stage folders its RUN
 * steps mount ({@code RUN --mount=type=bind,from=...}), RUN here-documents, ENTRYPOINT and CMD (exec
 * form). {@link #materialize} lays out what the final stage copies and mounts from the build stage
 * in a local folder, and {@link #commandIn} and {@link #scriptIn} point in-image paths at it, so the
 * image's very commands run without Docker. Tests, the bench and the ITs that run the images
 * all read the Dockerfiles through this one reader.
 *
 * @param source       the file's name, for messages
 * @param baseImages   the image of every {@code FROM}, in order
 * @param buildWorkdir the WORKDIR of the build stage, or null
 * @param workdir      the final stage's WORKDIR, or null
 * @param env          the final stage's ENV
 * @param user         the final stage's USER, or null
 * @param copies       the final stage's {@code COPY --from} lines
 * @param mounts       the final stage's {@code RUN --mount=type=bind,from=<stage>} folders, as source and target
 * @param scripts      the bodies of the final stage's RUN here-documents
 * @param entrypoint   the final stage's ENTRYPOINT, empty when it has none
 * @param cmd          the final stage's CMD, empty when it has none
 */
public record Dockerfile(String source, List<String> baseImages, String buildWorkdir, String workdir,
                         Map<String, String> env, String user, List<Copy> copies, List<Copy> mounts,
                         List<String> scripts, List<String> entrypoint, List<String> cmd) {

    /** The stage whose artifacts the final stage copies. */
    public static final String BUILD_STAGE = "build";

    /** One {@code COPY --from=<stage> <source> <target>}. */
    public record Copy(String stage, String source, String target) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEREDOC = Pattern.compile("<<-?([\"']?)([A-Za-z_]\\w*)\\1");
    private static final Pattern BIND_MOUNT = Pattern.compile("--mount=(\\S+)");

    public Dockerfile {
        baseImages = List.copyOf(baseImages);
        env = Map.copyOf(env);
        copies = List.copyOf(copies);
        mounts = List.copyOf(mounts);
        scripts = List.copyOf(scripts);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
    }

    /** Reads {@code dockerfile}. */
    public static Dockerfile read(Path dockerfile) {
        try {
            return parse(Files.readAllLines(dockerfile), dockerfile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
    }

    /**
     * Reads the lines of a Dockerfile: continuation lines joined, comments and blank lines dropped,
     * each here-document kept with its instruction; {@code source} names the file in errors.
     *
     * @throws IllegalArgumentException when an instruction it reads is malformed (a shell-form
     *                                  ENTRYPOINT or CMD, an unreadable FROM, an unended here-document)
     */
    public static Dockerfile parse(List<String> lines, String source) {
        Stages stages = new Stages(source);
        StringBuilder instruction = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                instruction.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            instruction.append(line);
            String hereDocument = null;
            Matcher heredoc = HEREDOC.matcher(instruction);
            if (heredoc.find()) {
                StringBuilder body = new StringBuilder();
                while (true) {
                    if (++i >= lines.size()) {
                        throw new IllegalArgumentException(source + ": here-document " + heredoc.group(2) + " never ends");
                    }
                    if (lines.get(i).strip().equals(heredoc.group(2))) {
                        break;
                    }
                    body.append(lines.get(i)).append('\n');
                }
                hereDocument = body.toString();
            }
            stages.accept(instruction.toString(), hereDocument);
            instruction.setLength(0);
        }
        return stages.result();
    }

    /** Reads one instruction into the stage it belongs to; a FROM starts the next stage empty. */
    private static final class Stages {
        private final String source;
        private final List<String> baseImages = new ArrayList<>();
        private String stage;
        private String buildWorkdir;
        private String workdir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String user;
        private final List<Copy> copies = new ArrayList<>();
        private final List<Copy> mounts = new ArrayList<>();
        private final List<String> scripts = new ArrayList<>();
        private List<String> entrypoint = List.of();
        private List<String> cmd = List.of();

        Stages(String source) {
            this.source = source;
        }

        void accept(String instruction, String hereDocument) {
            String[] parts = instruction.split("\\s+", 2);
            String args = parts.length > 1 ? parts[1].strip() : "";
            switch (parts[0].toUpperCase()) {
                case "FROM" -> from(args);
                case "WORKDIR" -> {
                    if (BUILD_STAGE.equals(stage)) {
                        buildWorkdir = args;
                    } else {
                        workdir = args;
                    }
                }
                case "ENV" -> env(args);
                case "USER" -> user = args;
                case "COPY" -> {
                    String[] words = args.split("\\s+");
                    if (words.length == 3 && words[0].startsWith("--from=")) {
                        copies.add(new Copy(words[0].substring("--from=".length()), words[1], words[2]));
                    }
                }
                case "RUN" -> {
                    mounts(args);
                    if (hereDocument != null) {
                        scripts.add(hereDocument);
                    }
                }
                case "ENTRYPOINT" -> entrypoint = execForm("ENTRYPOINT", args);
                case "CMD" -> cmd = execForm("CMD", args);
                default -> {
                    // ARG, LABEL, EXPOSE and the like do not change what the image holds or runs
                }
            }
        }

        private void from(String args) {
            Matcher m = FROM.matcher(args);
            if (!m.matches()) {
                throw new IllegalArgumentException(source + ": unreadable FROM " + args);
            }
            baseImages.add(m.group(1));
            stage = m.group(2);
            workdir = null;
            env.clear();
            user = null;
            copies.clear();
            mounts.clear();
            scripts.clear();
            entrypoint = List.of();
            cmd = List.of();
        }

        /** The {@code --mount=type=bind,from=<stage>,source=<path>,target=<path>} options of a RUN. */
        private void mounts(String args) {
            Matcher option = BIND_MOUNT.matcher(args);
            while (option.find()) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (String field : option.group(1).split(",")) {
                    String[] kv = field.split("=", 2);
                    fields.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                if ("bind".equals(fields.get("type")) && fields.containsKey("from")) {
                    mounts.add(new Copy(fields.get("from"), fields.get("source"), fields.get("target")));
                }
            }
        }

        /** {@code ENV a=1 b=2} or the older {@code ENV a 1}; values unquoted. */
        private void env(String args) {
            String[] words = args.split("\\s+");
            if (!words[0].contains("=")) {
                env.put(words[0], args.substring(words[0].length()).strip());
                return;
            }
            for (String pair : words) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }

        private List<String> execForm(String keyword, String args) {
            try {
                return JSON.readValue(args, new TypeReference<List<String>>() { });
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(source + ": " + keyword + " is not in exec form (a JSON array): " + args, e);
            }
        }

        Dockerfile result() {
            return new Dockerfile(source, baseImages, buildWorkdir, workdir, env, user, copies, mounts, scripts, entrypoint,
                    cmd);
        }
    }

    /** The {@code COPY --from=<stage>} lines of the final stage that take from {@code stage}. */
    public List<Copy> copiesFrom(String stage) {
        return copies.stream().filter(c -> c.stage().equals(stage)).toList();
    }

    /** ENTRYPOINT followed by CMD, as the image runs them. */
    public List<String> command() {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return command;
    }

    /**
     * What follows {@code java} in {@link #command()}: the JVM options and what they launch.
     *
     * @throws IllegalStateException when the final stage's ENTRYPOINT does not start java
     */
    public List<String> javaArguments() {
        List<String> command = command();
        if (entrypoint.isEmpty() || !command.getFirst().equals("java")) {
            throw new IllegalStateException(source + ": the last stage's ENTRYPOINT does not start java");
        }
        return command.subList(1, command.size());
    }

    /**
     * {@link #command()} as it runs outside the image: {@code javaExecutable} instead of
     * {@code java}, {@code jvmOptions} right after it, and every path under WORKDIR under {@code root}.
     */
    public List<String> commandIn(Path root, String javaExecutable, List<String> jvmOptions) {
        List<String> line = new ArrayList<>();
        line.add(javaExecutable);
        line.addAll(jvmOptions);
        javaArguments().stream().map(arg -> inRoot(arg, root)).forEach(line::add);
        return line;
    }

    /** The final stage's one RUN here-document (the training run), its paths under WORKDIR under {@code root}. */
    public String scriptIn(Path root) {
        if (scripts.size() != 1) {
            throw new IllegalStateException(source + ": expected one RUN here-document in the final stage, found "
                    + scripts.size());
        }
        return inRoot(scripts.getFirst(), root);
    }

    /** {@code text} with every path under WORKDIR pointed at {@code root}. */
    public String inRoot(String text, Path root) {
        return text.replace(workdir + "/", root + "/");
    }

    /**
     * Copies what the final stage takes from the build stage into {@code root}, as the image lays
     * it out under WORKDIR, taking it from {@code repository} (which the build stage copies to its
     * own WORKDIR), and returns {@code root}. Copies, not links: the JVM resolves a jar's manifest
     * {@code Class-Path} next to the file a link points at, not next to the link. A folder a RUN
     * mounts from the build stage (under WORKDIR) becomes a link to the build's folder, as a bind
     * mount shows it in place. {@code root} is emptied first: files an earlier layout left there are
     * not in the image.
     */
    public Path materialize(Path repository, Path root) {
        if (workdir == null || buildWorkdir == null) {
            throw new IllegalStateException(source + " lacks a WORKDIR in its final stage or in its build stage");
        }
        try {
            deleteTree(root);
            for (Copy copy : copiesFrom(BUILD_STAGE)) {
                Path from = repository.resolve(relative(copy.source(), buildWorkdir));
                Path to = root.resolve(relative(copy.target(), workdir));
                if (!Files.exists(from)) {
                    throw new IllegalStateException(from + " does not exist: build it first, as the build stage of "
                            + source + " does (the package phase)");
                }
                if (copy.source().endsWith("/")) {
                    try (var files = Files.list(from)) {
                        for (Path file : files.toList()) {
                            copyFile(file, to.resolve(file.getFileName().toString()));
                        }
                    }
                } else {
                    copyFile(from, to);
                }
            }
            for (Copy mount : mounts) {
                if (!mount.stage().equals(BUILD_STAGE)) {
                    continue;
                }
                Path from = repository.resolve(relative(mount.source(), buildWorkdir));
                Path to = root.resolve(relative(mount.target(), workdir));
                if (!Files.isDirectory(from)) {
                    throw new IllegalStateException(from + " does not exist: build it first, as the build stage of "
                            + source + " does (the package phase)");
                }
                Files.createDirectories(to.getParent());
                Files.createSymbolicLink(to, from);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + source + "'s files under " + root, e);
        }
        return root;
    }

    private String relative(String path, String directory) {
        if (!path.startsWith(directory + "/")) {
            throw new IllegalStateException(source + ": " + path + " is outside " + directory);
        }
        return path.substring(directory.length() + 1);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyFile(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
