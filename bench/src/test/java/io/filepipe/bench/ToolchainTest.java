package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainTest {

    /** The repository this module sits in: Surefire runs in bench/. */
    private static final Path OWN_REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path repo;

    private void build(String apiDockerfile, String processorDockerfile) throws IOException {
        Files.writeString(repo.resolve("Dockerfile.api"), apiDockerfile);
        Files.writeString(repo.resolve("Dockerfile.processor"), processorDockerfile);
        for (String jar : List.of("upload-api/target/filepipe-upload-api.jar", "local/target/filepipe-local.jar",
                "stream-processor/target/stream-processor.jar")) {
            Files.createDirectories(repo.resolve(jar).getParent());
            Files.createFile(repo.resolve(jar));
        }
    }

    private void buildWithTheRepositorysDockerfiles() throws IOException {
        build(Files.readString(OWN_REPO.resolve("Dockerfile.api")), Files.readString(OWN_REPO.resolve("Dockerfile.processor")));
    }

    @Test
    void theApiImageLaunchesTheJarOfThisBuild() throws IOException {
        buildWithTheRepositorysDockerfiles();

        JvmCommand api = new Toolchain(repo).apiImage();

        assertEquals(List.of("-jar", repo.resolve("upload-api/target/filepipe-upload-api.jar").toString()), api.launch());
    }

    @Test
    void theProcessorImageRunsOnTheClassPathOfThisBuild() throws IOException {
        buildWithTheRepositorysDockerfiles();

        JvmCommand processor = new Toolchain(repo).processorImage();

        assertEquals(List.of("-cp", repo.resolve("stream-processor/target/stream-processor.jar").toString(),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "io.filepipe.processor.Handler::handleRequest"),
                processor.launch());
    }

    @Test
    void anApiImageThatNoLongerLaunchesAJarIsRefused() throws IOException {
        build("FROM a\nENTRYPOINT [\"java\", \"-cp\", \"/app/lib/*\", \"Main\"]\n",
                "FROM a\nENTRYPOINT [\"java\", \"-cp\", \"/var/task/jars/*\", \"Main\"]\nCMD [\"Handler\"]\n");

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> new Toolchain(repo).apiImage());

        assertEquals("Dockerfile.api no longer launches with -jar: [-cp, /app/lib/*, Main]", refusal.getMessage());
    }

    @Test
    void aMissingBuildIsRefusedWithTheFileItLacks() throws IOException {
        buildWithTheRepositorysDockerfiles();
        Files.delete(repo.resolve("local/target/filepipe-local.jar"));

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> new Toolchain(repo));

        assertEquals(repo.resolve("local/target/filepipe-local.jar") + " is missing: build first (bench/run.sh does)",
                refusal.getMessage());
    }
}
