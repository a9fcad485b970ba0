package io.filepipe.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * moto's server, an independent Python implementation of the AWS APIs, in a child process on
 * 127.0.0.1 and an ephemeral port: the contract tests send it the requests filepipe sends AWS. It
 * runs from the launcher shipped beside this class (repeated Step Functions executions work, and
 * the process exits with the JVM even when the JVM is killed), with moto's real execution of state
 * machines switched on. moto accepts any region and any keys and checks no signature; its account
 * is always {@value #ACCOUNT_ID}.
 */
public final class MotoServer implements AutoCloseable {

    public static final String ACCOUNT_ID = "123456789012";
    /** A loaded two-core machine needs about 5 s; an idle one about 1 s (scaled like every {@link Await}). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static final String PYTHON = "python3";
    private static final String LAUNCHER = "moto-launcher.py";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String EXECUTE_STATE_MACHINES = "{\"stepfunctions\":{\"execute_state_machine\":true}}";

    private static String installationProblem;
    private static boolean probed;
    private static boolean explained;
    private static MotoServer shared;

    private final Process process;
    private final Path workDir;
    private final URI endpoint;
    private final HttpClient http;

    private MotoServer(Process process, Path workDir, URI endpoint) {
        this.process = process;
        this.workDir = workDir;
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Whether {@code python3} runs here and imports {@code moto.server} (moto with its server extras). */
    public static boolean available() {
        return installationProblem() == null;
    }

    /**
     * Whether tests can use moto here. When they cannot, this says why on stderr, loudly, and
     * returns false so that the caller skips. Under {@code CI=true} it throws instead: a build
     * machine without moto would otherwise pass while testing nothing against it.
     *
     * @throws IllegalStateException when moto is missing and the environment has {@code CI=true}
     */
    public static synchronized boolean usableForTests() {
        if (available()) {
            return true;
        }
        String message = "moto is not usable: " + installationProblem()
                + ". Install it with: pip install 'moto[server]==5.2.1'";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " (CI=true: the tests against moto are required)");
        }
        if (!explained) {
            explained = true;
            String rule = "=".repeat(100);
            System.err.println(rule + "\n" + message
                    + "\nSKIPPING every test against moto (under CI=true they fail instead).\n" + rule);
        }
        return false;
    }

    private static synchronized String installationProblem() {
        if (!probed) {
            installationProblem = probe();
            probed = true;
        }
        return installationProblem;
    }

    private static String probe() {
        List<String> command = List.of(PYTHON, "-c", "import moto.server");
        String shown = PYTHON + " -c '" + command.get(2) + "'";
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return shown + " did not finish within " + PROBE_TIMEOUT.toSeconds() + " s";
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? null : shown + " failed: " + lastLine(output);
        } catch (IOException e) {
            return PYTHON + " could not be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for moto";
        }
    }

    /**
     * One server per JVM, started on first use and stopped when the JVM exits; tests share it and
     * isolate themselves with unique resource names (never {@link #reset()} it).
     */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-moto"));
        }
        return shared;
    }

    /**
     * Starts a server of its own, waits until it answers (20 s at most) and switches
     * on the execution of state machines.
     *
     * @throws IllegalStateException when moto does not start, with the end of its output
     */
    public static MotoServer start() {
        Path workDir;
        int port;
        Process process;
        try {
            workDir = Files.createTempDirectory("filepipe-moto");
            Path launcher = workDir.resolve(LAUNCHER);
            try (InputStream in = MotoServer.class.getResourceAsStream(LAUNCHER)) {
                if (in == null) {
                    throw new IllegalStateException(LAUNCHER + " is missing beside " + MotoServer.class.getName());
                }
                Files.copy(in, launcher);
            }
            port = LocalPorts.free();
            // stdin stays a pipe held by this JVM: the launcher exits when it closes
            process = new ProcessBuilder(PYTHON, launcher.toString(), "--exit-on-stdin-eof",
                    "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("moto.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("moto could not be launched", e);
        }
        MotoServer server = new MotoServer(process, workDir, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
            server.enableStateMachineExecution();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady() {
        try {
            Await.until("moto answering on " + endpoint, START_TIMEOUT, this::answers, answers -> answers);
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "; its output:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("moto exited with code " + process.exitValue()
                    + " before it answered; its output:\n" + logTail());
        }
        try {
            return get("/moto-api/", Duration.ofSeconds(2)) == 200;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    /**
     * Without this moto stores state machines but never runs them. It selects another backend, so
     * it must come before any state machine is created; moto keeps it across resets.
     */
    private void enableStateMachineExecution() {
        expect(201, post("/moto-api/config", EXECUTE_STATE_MACHINES), "enable state machine execution");
    }

    /** The base URL of every service: moto routes by the credential scope of the Authorization header. */
    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource in every service, as after a fresh start. */
    public void reset() {
        expect(200, post("/moto-api/reset", ""), "reset");
    }

    private void expect(int status, int actual, String what) {
        if (actual != status) {
            throw new IllegalStateException("moto could not " + what + ": HTTP " + actual);
        }
    }

    private int get(String path, Duration timeout) {
        return status(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout).GET().build());
    }

    private int post(String path, String json) {
        return status(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private int status(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling moto", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("moto.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    /** Stops the process and everything it started, and removes its working directory. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            http.close();
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
