package io.filepipe.bench;

import io.filepipe.api.ApiConfig;
import io.filepipe.testsupport.LocalPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The upload API as its own process, started with a given command line (the image's, in the
 * bench) on a free loopback port, and considered up at its first {@code 200} on {@code /health}.
 */
final class ApiProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(2);

    private final ChildProcess child;
    private final InetSocketAddress address;
    private final long healthyNanos;

    private ApiProcess(ChildProcess child, InetSocketAddress address, long healthyNanos) {
        this.child = child;
        this.address = address;
        this.healthyNanos = healthyNanos;
    }

    /** Starts the API and returns once {@code /health} answered 200 (polled every 2 ms). */
    static ApiProcess start(Toolchain tools, JvmCommand command, Map<String, String> env, Path workDir, Path log,
                            Duration timeout) {
        int port = LocalPorts.free();
        Map<String, String> all = new HashMap<>(env);
        all.put(ApiConfig.PORT, Integer.toString(port));
        ChildProcess child = ChildProcess.start("upload-api", command.toList(tools.java()), all, workDir, log);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        try {
            return new ApiProcess(child, address, awaitHealthy(child, address, timeout));
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    private static long awaitHealthy(ChildProcess child, InetSocketAddress address, Duration timeout) {
        byte[] health = Requests.get("/health", address, null);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (HttpConnection connection = new HttpConnection(address)) {
                if (connection.exchange(health, false).status() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            child.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the API did not answer /health within " + timeout + "; see " + child.log());
            }
            ChildProcess.sleep(POLL);
        }
    }

    InetSocketAddress address() {
        return address;
    }

    ChildProcess process() {
        return child;
    }

    /** Milliseconds from the fork to the first 200 on /health. */
    double millisToHealthy() {
        return (healthyNanos - child.launchedNanos()) / 1e6;
    }

    @Override
    public void close() {
        child.close();
    }
}
