package io.filepipe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.api.http.InFlightRequests;
import io.filepipe.api.support.ApiTestStack;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.SharedBackends;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop lets the request in flight finish instead of cutting it off, and turns new ones away politely. */
class GracefulShutdownIT {

    /** Only a bound for a step that does happen; the steps are ordered by the server's own states. */
    private static final Duration STEP = Duration.ofSeconds(20);

    @Test
    void anUploadInFlightCompletesWhileTheServerStops() throws Exception {
        ApiTestStack stack = ApiTestStack.withDynamoDbAt(SharedBackends.dynamoDb().endpoint());
        InFlightRequests inFlight = stack.api.inFlight();
        String user = ApiTestStack.newUser();
        byte[] body = Http.uploadBody("slow.txt", null, "slowly sent".getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", stack.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + stack.tokenFor(user) + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            assertTrue(inFlight.awaitCount(1, STEP), "the upload was admitted and waits for the rest of its body");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(stack::close);
            assertTrue(inFlight.awaitDraining(STEP), "the stop has begun");
            assertEquals(503, Http.get(stack.uri("/health"), null).status(), "new requests are turned away");
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(response.startsWith("HTTP/1.1 201"), response);
            stopping.get(20, TimeUnit.SECONDS);
        }
    }
}
