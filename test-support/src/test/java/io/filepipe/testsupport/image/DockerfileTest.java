package io.filepipe.testsupport.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileTest {

    private static final List<String> DOCKERFILE = List.of(
            "# syntax=docker/dockerfile:1",
            "FROM --platform=$BUILDPLATFORM corretto:21 AS build",
            "WORKDIR /src",
            "ENTRYPOINT [\"mvn\"]",
            "USER builder",
            "RUN ./mvnw package",
            "",
            "FROM adapter:1.0 AS adapter",
            "FROM corretto:21-headless",
            "  # a comment, indented",
            "WORKDIR /app",
            "COPY --from=adapter /adapter /opt/extensions/adapter",
            "COPY --from=build /src/api/target/lib/ /app/lib/",
            "COPY --from=build /src/api/target/api.jar /app/api.jar",
            "ENV PORT=8080 READY=/health",
            "RUN --mount=type=cache,target=/root/.m2 --mount=type=bind,from=build,source=/src/tools/target,target=/app/tools <<'TRAINING'",
            "ENTRYPOINT [\"not\", \"an\", \"instruction\"]",
            "java -XX:SharedArchiveFile=/app/api.jsa -jar /app/api.jar &",
            "TRAINING",
            "USER 10001:10001",
            "entrypoint [\"java\", \"-XX:TieredStopAtLevel=1\", \\",
            "            \"-XX:SharedArchiveFile=/app/api.jsa\", \\",
            "            \"-cp\", \"/app/lib/*\", \"io.example.Main\"]",
            "CMD [\"serve\", \"--fast\"]");

    private static Dockerfile read(List<String> lines) {
        return Dockerfile.parse(lines, "Dockerfile.test");
    }

    @Test
    void readsTheLastStagesEntrypointAndCmdWithContinuationLinesJoined() {
        Dockerfile image = read(DOCKERFILE);

        assertEquals(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/app/api.jsa", "-cp", "/app/lib/*",
                "io.example.Main"), image.entrypoint());
        assertEquals(List.of("serve", "--fast"), image.cmd());
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/app/api.jsa", "-cp", "/app/lib/*",
                "io.example.Main", "serve", "--fast"), image.javaArguments());
    }

    @Test
    void readsWhatTheFinalStageHoldsAndTheBaseImageOfEveryStage() {
        Dockerfile image = read(DOCKERFILE);

        assertEquals(List.of("corretto:21", "adapter:1.0", "corretto:21-headless"), image.baseImages());
        assertEquals("/src", image.buildWorkdir());
        assertEquals("/app", image.workdir());
        assertEquals(Map.of("PORT", "8080", "READY", "/health"), image.env());
        assertEquals("10001:10001", image.user());
        assertEquals(List.of(new Dockerfile.Copy("adapter", "/adapter", "/opt/extensions/adapter")), image.copiesFrom("adapter"));
        assertEquals(2, image.copiesFrom(Dockerfile.BUILD_STAGE).size());
    }

    @Test
    void aHereDocumentIsTheBodyOfItsRunAndNoInstruction() {
        Dockerfile image = read(DOCKERFILE);

        assertEquals(List.of("ENTRYPOINT [\"not\", \"an\", \"instruction\"]\n"
                + "java -XX:SharedArchiveFile=/app/api.jsa -jar /app/api.jar &\n"), image.scripts());
        assertTrue(image.scriptIn(Path.of("/tmp/root")).endsWith("java -XX:SharedArchiveFile=/tmp/root/api.jsa -jar /tmp/root/api.jar &\n"));
    }

    @Test
    void aRunMountsFoldersOfTheBuildStageAndNoCache() {
        Dockerfile image = read(DOCKERFILE);

        assertEquals(List.of(new Dockerfile.Copy(Dockerfile.BUILD_STAGE, "/src/tools/target", "/app/tools")), image.mounts());
    }

    @Test
    void theOlderEnvFormSetsOneVariable() {
        assertEquals(Map.of("JAVA_OPTS", "-Xss1m -Xmx1g"), read(List.of("FROM a", "ENV JAVA_OPTS -Xss1m -Xmx1g")).env());
    }

    @Test
    void aNewStageForgetsTheEntrypointOfThePreviousOne() {
        Dockerfile image = read(List.of("FROM a", "ENTRYPOINT [\"java\", \"-jar\", \"a.jar\"]", "FROM b"));

        assertEquals(List.of(), image.entrypoint());
        IllegalStateException refusal = assertThrows(IllegalStateException.class, image::javaArguments);
        assertEquals("Dockerfile.test: the last stage's ENTRYPOINT does not start java", refusal.getMessage());
    }

    @Test
    void anEntrypointThatIsNotJavaIsRefusedAsAJavaCommand() {
        Dockerfile image = read(List.of("FROM a", "ENTRYPOINT [\"/bin/sh\", \"-c\"]"));

        assertThrows(IllegalStateException.class, image::javaArguments);
    }

    @Test
    void theShellFormIsRefusedAsUnreadable() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> read(List.of("FROM a", "ENTRYPOINT java -jar a.jar")));

        assertEquals("Dockerfile.test: ENTRYPOINT is not in exec form (a JSON array): java -jar a.jar", refusal.getMessage());
    }

    @Test
    void aHereDocumentWithoutItsEndIsRefused() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> read(List.of("FROM a", "RUN <<EOF", "echo hi")));

        assertEquals("Dockerfile.test: here-document EOF never ends", refusal.getMessage());
    }

    @Test
    void theCommandRunsOutsideTheImageWithLocalJavaOptionsAndPaths() {
        Dockerfile image = read(DOCKERFILE);

        assertEquals(List.of("/jdk/bin/java", "-Dextra=1", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=/tmp/root/api.jsa",
                        "-cp", "/tmp/root/lib/*", "io.example.Main", "serve", "--fast"),
                image.commandIn(Path.of("/tmp/root"), "/jdk/bin/java", List.of("-Dextra=1")));
    }

    @Test
    void materializeCopiesWhatTheFinalStageTakesFromTheBuildStage(@TempDir Path dir) throws IOException {
        Path repository = build(dir.resolve("repo"));

        Path root = read(DOCKERFILE).materialize(repository, dir.resolve("root"));

        assertEquals("jar", Files.readString(root.resolve("api.jar")));
        assertEquals("dependency", Files.readString(root.resolve("lib/dep.jar")));
        assertFalse(Files.isSymbolicLink(root.resolve("api.jar")));
    }

    @Test
    void materializeShowsAMountedBuildFolderInPlace(@TempDir Path dir) throws IOException {
        Path repository = build(dir.resolve("repo"));

        Path root = read(DOCKERFILE).materialize(repository, dir.resolve("root"));

        assertEquals("tool", Files.readString(root.resolve("tools/tool.jar")));
        assertEquals(repository.resolve("tools/target"), Files.readSymbolicLink(root.resolve("tools")));
    }

    @Test
    void materializeLeavesNothingOfAnEarlierLayout(@TempDir Path dir) throws IOException {
        Path repository = build(dir.resolve("repo"));
        Path stale = dir.resolve("root/lib/removed-since.jar");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "old");

        Path root = read(DOCKERFILE).materialize(repository, dir.resolve("root"));

        assertFalse(Files.exists(stale));
        assertEquals("dependency", Files.readString(root.resolve("lib/dep.jar")));
    }

    @Test
    void aMissingArtifactIsNamedWithTheFileThatNeedsIt(@TempDir Path dir) {
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> read(DOCKERFILE).materialize(dir, dir.resolve("root")));

        assertTrue(refusal.getMessage().startsWith(dir.resolve("api/target/lib") + " does not exist"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("Dockerfile.test"), refusal.getMessage());
    }

    @Test
    void aFileWithoutWorkdirsCannotBeLaidOut(@TempDir Path dir) {
        Dockerfile image = read(List.of("FROM a", "ENTRYPOINT [\"java\"]"));

        assertNull(image.workdir());
        assertThrows(IllegalStateException.class, () -> image.materialize(dir, dir.resolve("root")));
    }

    private static Path build(Path repository) throws IOException {
        Files.createDirectories(repository.resolve("api/target/lib"));
        Files.writeString(repository.resolve("api/target/lib/dep.jar"), "dependency");
        Files.writeString(repository.resolve("api/target/api.jar"), "jar");
        Files.createDirectories(repository.resolve("tools/target"));
        Files.writeString(repository.resolve("tools/target/tool.jar"), "tool");
        return repository;
    }
}
