package io.filepipe.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Child processes a test starts the way a platform would: a clean environment, output to a file, stopped by signal. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Starts {@code command} in {@code directory} with exactly {@code environment} (nothing inherited
     * from the test's JVM), its stdout and stderr both written to {@code output}.
     */
    public static Process start(List<String> command, Map<String, String> environment, Path directory, Path output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Sends SIGTERM and waits for the exit; after {@code grace} (scaled as {@link Await} does) kills it. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(Await.scaled(grace).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
