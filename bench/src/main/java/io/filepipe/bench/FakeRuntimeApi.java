package io.filepipe.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The few calls of the Lambda Runtime API (2018-06-01) a runtime interface client makes, for one
 * invocation at a time: {@code /next} hands out the current event (and notes when it was first
 * asked, i.e. when the function's init was done), {@code /response} and {@code /error} complete it.
 * A second {@code /next} waits until the invocation is finished with, by which time its process is gone.
 */
final class FakeRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";

    /** One invocation: its event, when /next was first called, and the function's answer. */
    static final class Invocation {
        final String requestId = UUID.randomUUID().toString();
        final String event;
        final CompletableFuture<Long> firstNextNanos = new CompletableFuture<>();
        final CompletableFuture<Long> answeredNanos = new CompletableFuture<>();
        final CompletableFuture<String> answer = new CompletableFuture<>();
        private final AtomicBoolean delivered = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);

        private Invocation(String event) {
            this.event = event;
        }

        /** Releases any /next still waiting on this invocation. */
        void finish() {
            finished.countDown();
        }
    }

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpServer server;
    private volatile Invocation current;

    FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // /next blocks: it must not hold the only dispatcher thread
        server.setExecutor(executor);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes {@code eventJson} the next invocation (the previous one must be finished). */
    Invocation invoke(String eventJson) {
        Invocation invocation = new Invocation(eventJson);
        current = invocation;
        return invocation;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Invocation invocation = current;
            if (path.equals("invocation/next")) {
                next(exchange, invocation);
            } else if (invocation != null && path.equals("invocation/" + invocation.requestId + "/response")) {
                invocation.answeredNanos.complete(System.nanoTime());
                invocation.answer.complete(new String(body, StandardCharsets.UTF_8));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                if (invocation != null) { // /error or /init/error: the function failed
                    invocation.answer.completeExceptionally(new IllegalStateException(
                            "the function posted " + path + ": " + new String(body, StandardCharsets.UTF_8)));
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
            }
        }
    }

    private void next(HttpExchange exchange, Invocation invocation) throws IOException {
        if (invocation == null) {
            reply(exchange, 503, "{}");
            return;
        }
        invocation.firstNextNanos.complete(System.nanoTime());
        if (!invocation.delivered.compareAndSet(false, true)) {
            try {
                invocation.finished.await(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 503, "{}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json"); // the native client crashes without it
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 300_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:filepipe-processor");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        byte[] event = invocation.event.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        Invocation invocation = current;
        if (invocation != null) {
            invocation.finish();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
