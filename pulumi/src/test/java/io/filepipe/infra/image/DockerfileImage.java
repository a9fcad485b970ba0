package io.filepipe.infra.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a multi-stage Dockerfile's final stage puts in the image and runs, read from the file: the
 * base images of every stage, and of the final stage its WORKDIR, ENV, USER, {@code COPY --from}
 * lines, RUN here-documents, ENTRYPOINT and CMD (exec form). {@link #materialize} lays the files
 * copied from the build stage out in a local folder, and the accessors rewrite in-image paths to it,
 * so that the image's commands run without Docker.
 *
 * @param baseImages   the image of every {@code FROM}, in order
 * @param buildWorkdir the WORKDIR of the stage named {@code build}, which copies the repository
 */
record DockerfileImage(List<String> baseImages, String buildWorkdir, String workdir, Map<String, String> env,
                       String user, List<Copy> copies, List<String> scripts, List<String> entrypoint, List<String> cmd) {

    /** One {@code COPY --from=<stage> <source> <target>}. */
    record Copy(String stage, String source, String target) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?([A-Za-z_]+)'?");
    private static final String BUILD_STAGE = "build";

    static DockerfileImage read(Path dockerfile) throws IOException {
        var parser = new Parser();
        Iterator<String> lines = Files.readAllLines(dockerfile).iterator();
        while (lines.hasNext()) {
            String line = lines.next().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            StringBuilder instruction = new StringBuilder();
            while (line.endsWith("\\") && lines.hasNext()) {
                instruction.append(line, 0, line.length() - 1).append(' ');
                line = lines.next().strip();
            }
            instruction.append(line);
            parser.accept(instruction.toString(), lines);
        }
        return parser.result(dockerfile);
    }

    /** Reads one instruction (and its here-document, from {@code lines}) into the stage it belongs to. */
    private static final class Parser {
        private final List<String> baseImages = new ArrayList<>();
        private String stage;
        private String buildWorkdir;
        private String workdir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String user;
        private final List<Copy> copies = new ArrayList<>();
        private final List<String> scripts = new ArrayList<>();
        private List<String> entrypoint;
        private List<String> cmd = List.of();

        void accept(String instruction, Iterator<String> lines) throws IOException {
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
                case "ENV" -> {
                    for (String pair : args.split("\\s+")) {
                        String[] kv = pair.split("=", 2);
                        env.put(kv[0], kv[1]);
                    }
                }
                case "USER" -> user = args;
                case "COPY" -> {
                    String[] words = args.split("\\s+");
                    if (words.length == 3 && words[0].startsWith("--from=")) {
                        copies.add(new Copy(words[0].substring("--from=".length()), words[1], words[2]));
                    }
                }
                case "RUN" -> {
                    Matcher heredoc = HEREDOC.matcher(args);
                    if (heredoc.find()) {
                        scripts.add(hereDocument(heredoc.group(1), lines));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = execForm(args);
                case "CMD" -> cmd = execForm(args);
                default -> {
                    // ARG, LABEL and the like do not change what the image runs
                }
            }
        }

        private void from(String args) {
            Matcher m = FROM.matcher(args);
            if (!m.matches()) {
                throw new IllegalStateException("unreadable FROM " + args);
            }
            baseImages.add(m.group(1));
            stage = m.group(2);
            // a new stage starts empty
            workdir = null;
            env.clear();
            user = null;
            copies.clear();
            scripts.clear();
            entrypoint = null;
            cmd = List.of();
        }

        private static String hereDocument(String delimiter, Iterator<String> lines) {
            StringBuilder body = new StringBuilder();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.equals(delimiter)) {
                    return body.toString();
                }
                body.append(line).append('\n');
            }
            throw new IllegalStateException("here-document " + delimiter + " never ends");
        }

        private static List<String> execForm(String args) throws IOException {
            return JSON.readValue(args, new TypeReference<List<String>>() { });
        }

        DockerfileImage result(Path dockerfile) {
            if (entrypoint == null || workdir == null || buildWorkdir == null) {
                throw new IllegalStateException(dockerfile + " lacks an ENTRYPOINT, a WORKDIR or a build stage WORKDIR");
            }
            return new DockerfileImage(List.copyOf(baseImages), buildWorkdir, workdir, Map.copyOf(env), user,
                    List.copyOf(copies), List.copyOf(scripts), entrypoint, cmd);
        }
    }

    /** The {@code COPY --from=<stage>} lines of the final stage that take from {@code stage}. */
    List<Copy> copiesFrom(String stage) {
        return copies.stream().filter(c -> c.stage().equals(stage)).toList();
    }

    /**
     * Copies what the build stage's artifacts would put under WORKDIR into {@code root}, taking them
     * from {@code repository} (which the build stage copies to its own WORKDIR), and returns it.
     * Copies rather than links: the class archive records the jars it was made from.
     */
    Path materialize(Path repository, Path root) throws IOException {
        for (Copy copy : copiesFrom(BUILD_STAGE)) {
            Path source = repository.resolve(relative(copy.source(), buildWorkdir));
            Path target = root.resolve(relative(copy.target(), workdir));
            if (!Files.exists(source)) {
                throw new IllegalStateException(source + " does not exist: package upload-api first"
                        + " (./mvnw -B -pl upload-api -am package -DskipTests)");
            }
            if (copy.source().endsWith("/")) {
                try (var files = Files.list(source)) {
                    for (Path file : files.toList()) {
                        copyFile(file, target.resolve(file.getFileName().toString()));
                    }
                }
            } else {
                copyFile(source, target);
            }
        }
        return root;
    }

    private static String relative(String path, String directory) {
        if (!path.startsWith(directory + "/")) {
            throw new IllegalStateException(path + " is outside " + directory);
        }
        return path.substring(directory.length() + 1);
    }

    private static void copyFile(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ENTRYPOINT followed by CMD, as the image runs them. */
    List<String> command() {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return command;
    }

    /**
     * {@link #command()} with {@code java} replaced by {@code javaExecutable} and every path under
     * WORKDIR pointed at {@code root}.
     */
    List<String> commandIn(Path root, String javaExecutable) {
        List<String> command = command().stream().map(arg -> inRoot(arg, root)).toList();
        if (!command.getFirst().equals("java")) {
            throw new IllegalStateException("the entrypoint does not start java: " + command);
        }
        List<String> local = new ArrayList<>(command);
        local.set(0, javaExecutable);
        return local;
    }

    /** The only RUN here-document of the final stage, its paths under WORKDIR pointed at {@code root}. */
    String scriptIn(Path root) {
        if (scripts.size() != 1) {
            throw new IllegalStateException("expected one RUN here-document in the final stage, found " + scripts.size());
        }
        return inRoot(scripts.getFirst(), root);
    }

    private String inRoot(String text, Path root) {
        return text.replace(workdir + "/", root + "/");
    }
}
