package io.filepipe.local;

import io.filepipe.api.upload.LargeUploadLimits;
import io.filepipe.core.config.Env;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.processor.ProcessorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run the local stack.
 *
 * @param dataDir   where data, checkpoints, executions, logs and {@code stack.json} live
 * @param host      the API's listen address (loopback by default)
 * @param apiPort   the API's port (0 picks a free one)
 * @param inMemory  keep DynamoDB and S3 data in memory: nothing survives a stop
 * @param timeScale multiplies every retry pause of the pipe and the workflow (1 = as configured;
 *                  tests use a small value so retries do not take seconds)
 * @param lease     the processor's claim lease ({@code FILEPIPE_LEASE} for {@code up}, see {@link ProcessorConfig})
 * @param reconcile when files count as stuck ({@code FILEPIPE_RECONCILE_*} for {@code up}, see {@link ReconcileSettings});
 *                  the PROCESSING age follows the lease unless set
 * @param reconcileEvery how often the stack reconciles ({@value #RECONCILE_EVERY} for {@code up})
 * @param webhooks  where the local event bus POSTs every result event ({@code up --webhook URL}, repeatable)
 * @param maxLargeFileBytes the API's largest file through {@code /uploads} (the API's default, 5 GiB;
 *                  the browser tests lower it to show the refusal of a file over it)
 */
public record StackOptions(Path dataDir, String host, int apiPort, boolean inMemory, double timeScale,
                           Duration lease, ReconcileSettings reconcile, Duration reconcileEvery, List<URI> webhooks,
                           long maxLargeFileBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of(".filepipe");

    public static final String RECONCILE_EVERY = "FILEPIPE_RECONCILE_EVERY";
    public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(1);

    /** Options with the default lease and reconciliation. */
    public StackOptions(Path dataDir, String host, int apiPort, boolean inMemory, double timeScale) {
        this(dataDir, host, apiPort, inMemory, timeScale, ProcessorConfig.DEFAULT_LEASE,
                ReconcileSettings.defaults(ProcessorConfig.DEFAULT_LEASE), DEFAULT_RECONCILE_EVERY, List.of(),
                LargeUploadLimits.DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Options for {@code up}: the lease and reconciliation are read from {@code environment}.
     *
     * @throws io.filepipe.core.config.ConfigException naming every malformed variable
     */
    public static StackOptions forUp(Path dataDir, String host, int apiPort, boolean inMemory,
                                     Map<String, String> environment) {
        return Env.parse(environment, env -> {
            Duration lease = ProcessorConfig.lease(env);
            return new StackOptions(dataDir, host, apiPort, inMemory, 1.0, lease, ReconcileSettings.from(env, lease),
                    env.duration(RECONCILE_EVERY, DEFAULT_RECONCILE_EVERY), List.of(), LargeUploadLimits.DEFAULT_MAX_FILE_BYTES);
        });
    }

    /** These options with the result events also POSTed to {@code urls}. */
    public StackOptions withWebhooks(List<URI> urls) {
        return new StackOptions(dataDir, host, apiPort, inMemory, timeScale, lease, reconcile, reconcileEvery, urls,
                maxLargeFileBytes);
    }

    /** These options with the API refusing files over {@code bytes} through {@code /uploads}. */
    public StackOptions withMaxLargeFileBytes(long bytes) {
        return new StackOptions(dataDir, host, apiPort, inMemory, timeScale, lease, reconcile, reconcileEvery, webhooks,
                bytes);
    }

    public StackOptions {
        dataDir = dataDir.toAbsolutePath().normalize();
        webhooks = List.copyOf(webhooks);
        if (timeScale < 0) {
            throw new IllegalArgumentException("timeScale must not be negative");
        }
    }
}
