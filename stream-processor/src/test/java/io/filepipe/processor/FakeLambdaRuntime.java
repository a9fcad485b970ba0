package io.filepipe.processor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The part of the Lambda Runtime API (2018-06-01) a runtime interface client talks to, on an
 * ephemeral loopback port: {@code /next} hands out queued events, {@code /response} and
 * {@code /error} complete them, {@code /init/error} records a failed start.
 */
final class FakeLambdaRuntime implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";

    /** What the runtime posted for one invocation (or for the init). */
    record Reply(Kind kind, String body, String errorTypeHeader) {
        enum Kind { RESPONSE, ERROR, INIT_ERROR }
    }

    private record Event(String requestId, String body) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Reply>> replies = new ConcurrentHashMap<>();
    private final CompletableFuture<Reply> initError = new CompletableFuture<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeLambdaRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // /next blocks until an event is queued: it must not hold the only dispatcher thread
        server.setExecutor(executor);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an invocation and returns its request id. */
    String invoke(String eventJson) {
        String requestId = UUID.randomUUID().toString();
        replies.put(requestId, new CompletableFuture<>());
        events.add(new Event(requestId, eventJson));
        return requestId;
    }

    Reply awaitReply(String requestId, Duration timeout) throws Exception {
        return replies.get(requestId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Reply awaitInitError(Duration timeout) throws Exception {
        return initError.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        Event event;
        try {
            event = events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        var headers = exchange.getResponseHeaders();
        // both are mandatory: without Content-Type the native client crashes, without the id it exits
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", event.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:filepipe-stream-processor");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-6743a0f0-0123456789abcdef01234567;Sampled=0");
        send(exchange, 200, event.body());
    }

    private void complete(String path, String suffix, Reply reply) {
        String requestId = path.substring("invocation/".length(), path.length() - suffix.length());
        CompletableFuture<Reply> pending = replies.get(requestId);
        if (pending != null) {
            pending.complete(reply);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
