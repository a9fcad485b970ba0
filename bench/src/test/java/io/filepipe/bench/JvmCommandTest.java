package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.testsupport.image.Dockerfile;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The java command split into options and launch; reading the Dockerfile itself is test-support's DockerfileTest. */
class JvmCommandTest {

    private static final List<String> DOCKERFILE = List.of(
            "FROM corretto:21-headless",
            "ENTRYPOINT [\"java\", \"-XX:TieredStopAtLevel=1\", \"-XX:+UseSerialGC\", \\",
            "            \"-XX:+AutoCreateSharedArchive\", \"-XX:SharedArchiveFile=/app/api.jsa\", \\",
            "            \"-cp\", \"/app/lib/*\", \"io.example.Main\"]",
            "CMD [\"serve\", \"--fast\"]");

    private static JvmCommand read(List<String> lines) {
        return JvmCommand.fromDockerfile(Dockerfile.parse(lines, "Dockerfile.test"), UnaryOperator.identity());
    }

    @Test
    void readsTheLastStagesEntrypointAndCmdSplitIntoOptionsAndLaunch() {
        JvmCommand command = read(DOCKERFILE);

        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=/app/api.jsa"), command.options());
        assertEquals(List.of("-cp", "/app/lib/*", "io.example.Main", "serve", "--fast"), command.launch());
    }

    @Test
    void theCallerRewritesTheLaunchPart() {
        JvmCommand command = JvmCommand.fromDockerfile(Dockerfile.parse(List.of("FROM x",
                        "ENTRYPOINT [\"java\", \"-Xss1m\", \"-jar\", \"/app/a.jar\"]"), "Dockerfile.test"),
                launch -> List.of(launch.get(0), "/build/a.jar"));

        assertEquals(new JvmCommand(List.of("-Xss1m"), List.of("-jar", "/build/a.jar")), command);
    }

    @Test
    void aLastStageWithoutAJavaEntrypointIsRefused() {
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> read(List.of("FROM a", "ENTRYPOINT [\"java\", \"-jar\", \"a.jar\"]", "FROM b")));

        assertEquals("Dockerfile.test: the last stage's ENTRYPOINT does not start java", refusal.getMessage());
    }

    @Test
    void theClassArchiveOptionsCanBeRemovedAndPointedElsewhere() {
        JvmCommand command = read(DOCKERFILE);

        assertTrue(command.usesClassArchive());
        assertFalse(command.withoutStartCache().usesClassArchive());
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), command.withoutStartCache().options());
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=/tmp/run/api.jsa"), command.withClassArchive(Path.of("/tmp/run/api.jsa")).options());
    }

    @Test
    void anAotCacheImageTrainsWithTheOptionsItsTrainingScriptAdds() {
        Dockerfile image = Dockerfile.parse(List.of("FROM corretto:25-headless", "WORKDIR /app",
                "RUN <<'TRAINING'",
                "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \\",
                "     -XX:AOTCacheOutput=/app/api.aot -jar /app/api.jar &",
                "TRAINING",
                "ENTRYPOINT [\"java\", \"-XX:+UseSerialGC\", \"-XX:AOTCache=/app/api.aot\", \"-jar\", \"/app/api.jar\"]"),
                "Dockerfile.test");
        JvmCommand command = JvmCommand.fromDockerfile(image, UnaryOperator.identity());

        JvmCommand.Trained trained = command.trained(Path.of("/tmp/run"), "api", JvmCommand.aotTrainingOptions(image));

        assertEquals(List.of("-XX:TieredStopAtLevel=1"), JvmCommand.aotTrainingOptions(image));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:AOTCache=/tmp/run/api.aot"), trained.command().options());
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:AOTCacheOutput=/tmp/run/api.aot"),
                trained.training().options());
        assertEquals(Path.of("/tmp/run/api.aot"), trained.produces());
    }

    @Test
    void pinnedToOneCpuTheCommandRunsUnderTaskset() {
        JvmCommand command = new JvmCommand(List.of("-Xmx64m"), List.of("-jar", "a.jar")).onOneCpu();

        assertEquals(List.of("taskset", "-c", "0", "/jdk/bin/java", "-Xmx64m", "-jar", "a.jar"),
                command.toList(Path.of("/jdk/bin/java")));
    }

    @Test
    void tieredDropsTheC1OnlyCap() {
        JvmCommand command = read(DOCKERFILE);

        assertTrue(command.c1Only());
        assertFalse(command.tiered().c1Only());
        assertEquals(command.launch(), command.tiered().launch());
    }

    @Test
    void theCommandLineIsJavaThenOptionsThenLaunch() {
        JvmCommand command = new JvmCommand(List.of("-Xmx64m"), List.of("-jar", "a.jar")).plus("-Dx=1");

        assertEquals(List.of("/jdk/bin/java", "-Xmx64m", "-Dx=1", "-jar", "a.jar"), command.toList(Path.of("/jdk/bin/java")));
        assertEquals(List.of("/jdk/bin/java", "-jar", "a.jar"), command.withoutOptions().toList(Path.of("/jdk/bin/java")));
    }
}
