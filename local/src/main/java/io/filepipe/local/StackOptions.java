package io.filepipe.local;

import java.nio.file.Path;

/**
 * How to run the local stack.
 *
 * @param dataDir   where data, checkpoints, executions, logs and {@code stack.json} live
 * @param host      the API's listen address (loopback by default)
 * @param apiPort   the API's port (0 picks a free one)
 * @param inMemory  keep DynamoDB and S3 data in memory: nothing survives a stop
 * @param timeScale multiplies every retry pause of the pipe and the workflow (1 = as configured;
 *                  tests use a small value so retries do not take seconds)
 */
public record StackOptions(Path dataDir, String host, int apiPort, boolean inMemory, double timeScale) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of(".filepipe");

    public StackOptions {
        dataDir = dataDir.toAbsolutePath().normalize();
        if (timeScale < 0) {
            throw new IllegalArgumentException("timeScale must not be negative");
        }
    }
}
