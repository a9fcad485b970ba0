package io.filepipe.testsupport.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The part of the Lambda Runtime API (2018-06-01) a runtime interface client talks to, on an
 * ephemeral loopback port: {@code /next} long-polls for the queued invocations in order,
 * {@code /response} and {@code /error} answer them, {@code /init/error} records a failed start.
 * Every {@code /next} answer carries a {@code Content-Type} (the client's native code crashes
 * without one) and a request id (the client exits without one).
 *
 * <p>A client asks {@code /next} again as soon as it has answered; when its process is then stopped,
 * that long poll stays open here. {@link #releaseWaitingPolls()} answers such stale polls (with 503)
 * so that one of them can never take the invocation meant for the next process.
 */
public final class FakeLambdaRuntime implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    /** What the runtime client posted for one invocation (or for its init). */
    public record Reply(Kind kind, String body, String errorTypeHeader) {
        public enum Kind { RESPONSE, ERROR, INIT_ERROR }
    }

    /** One invocation: its event, the times it was asked for and answered, and the client's reply. */
    public final class Invocation {
        private final String requestId = UUID.randomUUID().toString();
        private final String event;
        private final CompletableFuture<Reply> reply = new CompletableFuture<>();
        private volatile long polledNanos;
        private volatile long repliedNanos;

        private Invocation(String event) {
            this.event = event;
        }

        public String requestId() {
            return requestId;
        }

        public String event() {
            return event;
        }

        /**
         * The client's reply to this invocation, or its init error if the init failed first.
         *
         * @throws java.util.concurrent.TimeoutException when neither came within {@code timeout}
         */
        public Reply awaitReply(Duration timeout) throws Exception {
            return (Reply) CompletableFuture.anyOf(reply, initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** {@link System#nanoTime()} when the {@code /next} that received this invocation arrived: the function's init was done. */
        public long polledNanos() {
            return polledNanos;
        }

        /** {@link System#nanoTime()} when the client posted its reply. */
        public long repliedNanos() {
            return repliedNanos;
        }
    }

    private final Queue<Invocation> queued = new ArrayDeque<>();
    private final Map<String, Invocation> delivered = new ConcurrentHashMap<>();
    private final CompletableFuture<Reply> initError = new CompletableFuture<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;
    /** Counts {@link #releaseWaitingPolls()}: a poll that began before the last release is stale. */
    private long releases;
    private int waiting;
    private boolean closed;

    public FakeLambdaRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // /next blocks until an invocation is queued: it must not hold the only dispatcher thread
        server.setExecutor(executor);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an invocation of {@code eventJson}; the next {@code /next} receives it. */
    public synchronized Invocation invoke(String eventJson) {
        Invocation invocation = new Invocation(eventJson);
        queued.add(invocation);
        notifyAll();
        return invocation;
    }

    /** The error the client posted when its init failed. */
    public Reply awaitInitError(Duration timeout) throws Exception {
        return initError.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Answers every {@code /next} still waiting with 503. Call it once the process that made them
     * has stopped and before the next process starts, so that a stale poll cannot take its invocation.
     */
    public synchronized void releaseWaitingPolls() {
        releases++;
        notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            if (path.equals("init/error")) {
                initError.complete(new Reply(Reply.Kind.INIT_ERROR, body, errorType));
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(path, "/response", new Reply(Reply.Kind.RESPONSE, body, errorType));
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(path, "/error", new Reply(Reply.Kind.ERROR, body, errorType));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
                return;
            }
            send(exchange, 202, "{\"status\":\"OK\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        long polled = System.nanoTime();
        Invocation invocation = take();
        if (invocation == null) {
            send(exchange, 503, "{\"errorMessage\":\"no invocation for this poll\"}");
            return;
        }
        invocation.polledNanos = polled;
        delivered.put(invocation.requestId, invocation);
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE.toMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:filepipe-stream-processor");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-6743a0f0-0123456789abcdef01234567;Sampled=0");
        send(exchange, 200, invocation.event);
    }

    /** The next queued invocation, waiting for one; null when released or closed first. */
    private synchronized Invocation take() {
        long release = releases;
        waiting++;
        try {
            while (queued.isEmpty() && release == releases && !closed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waiting--;
        }
        return release == releases && !closed ? queued.poll() : null;
    }

    /** How many {@code /next} polls are waiting for an invocation. */
    synchronized int waitingPolls() {
        return waiting;
    }

    private void complete(String path, String suffix, Reply reply) {
        Invocation invocation = delivered.get(path.substring("invocation/".length(), path.length() - suffix.length()));
        if (invocation != null) {
            invocation.repliedNanos = System.nanoTime();
            invocation.reply.complete(reply);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // on every answer, /next's included: the client's native code crashes on one without it
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
