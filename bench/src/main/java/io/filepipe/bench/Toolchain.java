package io.filepipe.bench;

import io.filepipe.testsupport.image.Dockerfile;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the things the bench starts are: the JDK running the bench (every child uses the same),
 * the runnable jars of the repository, and the images' command lines from Dockerfile.api and
 * Dockerfile.processor with their in-image paths pointed at the build output.
 */
final class Toolchain {

    private final Path repo;
    private final Path java;
    private final Path benchJar;

    Toolchain(Path repo) {
        this.repo = repo.toAbsolutePath().normalize();
        this.java = Path.of(System.getProperty("java.home"), "bin", "java");
        this.benchJar = ownJar();
        for (Path required : List.of(apiJar(), localJar(), processorJar(), repo.resolve("Dockerfile.api"),
                repo.resolve("Dockerfile.processor"))) {
            if (!Files.exists(required)) {
                throw new IllegalStateException(required + " is missing: build first (bench/run.sh does)");
            }
        }
    }

    private static Path ownJar() {
        try {
            return Path.of(Toolchain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the bench jar", e);
        }
    }

    Path repo() {
        return repo;
    }

    Path java() {
        return java;
    }

    Path apiJar() {
        return repo.resolve("upload-api/target/filepipe-upload-api.jar");
    }

    Path localJar() {
        return repo.resolve("local/target/filepipe-local.jar");
    }

    Path processorJar() {
        return repo.resolve("stream-processor/target/stream-processor.jar");
    }

    /** The processor's class path as the image lays it out: its jar, whose manifest names the jars in dependency/. */
    String processorClassPath() {
        return processorJar().toString();
    }

    /** A JVM on the bench's own class path (the bench jar's manifest names its libraries). */
    List<String> benchJava() {
        return List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + BenchMain.LOG_CONFIG, "-cp", benchJar.toString());
    }

    /** The options Dockerfile.api's AOT training run adds to its ENTRYPOINT's. */
    List<String> apiTrainingOptions() {
        return JvmCommand.aotTrainingOptions(Dockerfile.read(repo.resolve("Dockerfile.api")));
    }

    /** The options Dockerfile.processor's AOT training run adds to its ENTRYPOINT's. */
    List<String> processorTrainingOptions() {
        return JvmCommand.aotTrainingOptions(Dockerfile.read(repo.resolve("Dockerfile.processor")));
    }

    /** Dockerfile.api's ENTRYPOINT, launching the jar of this build. */
    JvmCommand apiImage() {
        return JvmCommand.fromDockerfile(Dockerfile.read(repo.resolve("Dockerfile.api")), launch -> {
            if (launch.size() != 2 || !launch.get(0).equals("-jar")) {
                throw new IllegalStateException("Dockerfile.api no longer launches with -jar: " + launch);
            }
            return List.of("-jar", apiJar().toString());
        });
    }

    /** Dockerfile.processor's ENTRYPOINT and CMD, with the image's class path replaced by the build's. */
    JvmCommand processorImage() {
        return JvmCommand.fromDockerfile(Dockerfile.read(repo.resolve("Dockerfile.processor")), launch -> {
            if (launch.size() < 3 || !launch.get(0).equals("-cp")) {
                throw new IllegalStateException("Dockerfile.processor no longer launches with -cp: " + launch);
            }
            List<String> local = new ArrayList<>(launch);
            local.set(1, processorClassPath());
            return local;
        });
    }
}
