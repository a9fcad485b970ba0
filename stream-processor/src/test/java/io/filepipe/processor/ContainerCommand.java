package io.filepipe.processor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process a Dockerfile's final stage starts, read from the file itself: its ENTRYPOINT and CMD
 * (JSON exec form), its WORKDIR, and what its {@code COPY --from=build} lines put into the image.
 * {@link #materialize} lays those copies out in a local folder, so the very command line can run
 * without Docker with only the in-image paths rewritten.
 */
final class ContainerCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?\"?(\\w+)'?\"?");

    /** One {@code COPY --from=build <source> <target>}: a path inside the build stage to a path in the image. */
    record Copy(String source, String target) {
    }

    private final List<String> entrypoint;
    private final List<String> cmd;
    private final String workdir;
    private final String buildWorkdir;
    private final List<Copy> copies;
    private final List<String> scripts;

    private ContainerCommand(List<String> entrypoint, List<String> cmd, String workdir, String buildWorkdir,
                             List<Copy> copies, List<String> scripts) {
        this.entrypoint = entrypoint;
        this.cmd = cmd;
        this.workdir = workdir;
        this.buildWorkdir = buildWorkdir;
        this.copies = copies;
        this.scripts = scripts;
    }

    static ContainerCommand read(Path dockerfile) throws IOException {
        List<String> entrypoint = null;
        List<String> cmd = null;
        String workdir = null;
        String buildWorkdir = null;
        boolean inBuildStage = false;
        List<Copy> copies = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        for (Instruction instruction : instructions(Files.readAllLines(dockerfile))) {
            String[] parts = instruction.text().split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String args = parts.length > 1 ? parts[1].strip() : "";
            switch (keyword) {
                case "FROM" -> {
                    inBuildStage = args.matches("(?i).*\\s+AS\\s+build");
                    entrypoint = null;
                    cmd = null;
                    workdir = null;
                    copies.clear();
                    scripts.clear();
                }
                case "WORKDIR" -> {
                    if (inBuildStage) {
                        buildWorkdir = args;
                    } else {
                        workdir = args;
                    }
                }
                case "COPY" -> {
                    String[] words = args.split("\\s+");
                    if (words.length == 3 && words[0].equals("--from=build")) {
                        copies.add(new Copy(words[1], words[2]));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = execForm(args);
                case "CMD" -> cmd = execForm(args);
                case "RUN" -> {
                    if (instruction.hereDocument() != null) {
                        scripts.add(instruction.hereDocument());
                    }
                }
                default -> {
                    // USER, ENV and the like do not change what runs
                }
            }
        }
        if (entrypoint == null || cmd == null || workdir == null || buildWorkdir == null) {
            throw new IllegalStateException(dockerfile + " lacks ENTRYPOINT, CMD, WORKDIR or a build stage WORKDIR");
        }
        return new ContainerCommand(entrypoint, cmd, workdir, buildWorkdir, List.copyOf(copies), List.copyOf(scripts));
    }

    /** One instruction with continuation lines joined, and the body of its here-document if it has one. */
    private record Instruction(String text, String hereDocument) {
    }

    /** Joins continuation lines, drops comments and blank lines, keeps each here-document with its instruction. */
    private static List<Instruction> instructions(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String hereDocument = null;
            Matcher heredoc = HEREDOC.matcher(current);
            if (heredoc.find()) {
                StringBuilder body = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).strip().equals(heredoc.group(1))) {
                    body.append(lines.get(i)).append('\n');
                }
                hereDocument = body.toString();
            }
            instructions.add(new Instruction(current.toString(), hereDocument));
            current.setLength(0);
        }
        return instructions;
    }

    private static List<String> execForm(String args) throws IOException {
        return JSON.readValue(args, new TypeReference<List<String>>() { });
    }

    List<String> entrypoint() {
        return entrypoint;
    }

    /**
     * The final stage's one {@code RUN} here-document (the class-archive training run), with every
     * in-image path under WORKDIR pointed at {@code taskRoot}.
     */
    String trainingScript(Path taskRoot) {
        if (scripts.size() != 1) {
            throw new IllegalStateException("expected one RUN here-document in the final stage, found " + scripts.size());
        }
        return scripts.getFirst().replace(workdir + "/", taskRoot + "/");
    }

    List<String> cmd() {
        return cmd;
    }

    String workdir() {
        return workdir;
    }

    /**
     * Builds the image's working directory under {@code root} from the COPY lines, with copies of
     * the artifacts in {@code sourceTree} (the folder the build stage copied as its WORKDIR), and
     * returns it. Copies, not links: the JVM resolves a jar's manifest {@code Class-Path} next to
     * the file a link points at, not next to the link.
     */
    Path materialize(Path sourceTree, Path root) throws IOException {
        for (Copy copy : copies) {
            if (!copy.target().startsWith(workdir + "/")) {
                throw new IllegalStateException("copy outside " + workdir + ": " + copy);
            }
            if (!copy.source().startsWith(buildWorkdir + "/")) {
                throw new IllegalStateException("copy from outside " + buildWorkdir + ": " + copy);
            }
            Path source = sourceTree.resolve(copy.source().substring(buildWorkdir.length() + 1));
            Path target = root.resolve(copy.target().substring(workdir.length() + 1));
            if (copy.source().endsWith("/")) {
                copyEach(source, target);
            } else {
                copy(source, target);
            }
        }
        return root;
    }

    private static void copyEach(Path sourceDir, Path targetDir) throws IOException {
        try (var entries = Files.list(sourceDir)) {
            for (Path source : entries.toList()) {
                copy(source, targetDir.resolve(source.getFileName().toString()));
            }
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.exists(source)) {
            throw new IllegalStateException(source + " does not exist; run the package phase first");
        }
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /**
     * The full command line with {@code java} replaced by {@code javaExecutable}, {@code jvmOptions}
     * added right after it, and every in-image path under WORKDIR pointed at {@code taskRoot}.
     */
    List<String> commandLine(String javaExecutable, List<String> jvmOptions, Path taskRoot) {
        List<String> line = new ArrayList<>();
        for (String arg : entrypoint) {
            line.add(arg.replace(workdir, taskRoot.toString()));
        }
        line.addAll(cmd);
        if (!line.getFirst().equals("java")) {
            throw new IllegalStateException("the entrypoint does not start java: " + line);
        }
        line.set(0, javaExecutable);
        line.addAll(1, jvmOptions);
        return line;
    }
}
