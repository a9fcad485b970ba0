package io.filepipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileStatus;
import io.filepipe.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** Talks to a running local stack's API the way a client would: upload, read, wait for the outcome. */
final class StackClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String token;

    StackClient(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    /** A response's status and parsed body. */
    record Reply(int status, JsonNode body) {
    }

    Reply upload(String name, byte[] data) throws IOException {
        String body = JSON.createObjectNode().put("file_name", name)
                .put("file_data", Base64.getEncoder().encodeToString(data)).toString();
        return send(HttpRequest.newBuilder(api.resolve("/upload")).header("Authorization", token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode file(String fileId) throws IOException {
        return send(HttpRequest.newBuilder(api.resolve("/files/" + fileId)).header("Authorization", token)
                .timeout(Duration.ofSeconds(30)).build()).body();
    }

    JsonNode awaitTerminal(String fileId, Duration deadline) throws Exception {
        return Await.until("file " + fileId + " in a terminal status", deadline, () -> file(fileId),
                file -> FileStatus.isTerminal(file.path("status").asText()));
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode()
                    : JSON.readTree(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
