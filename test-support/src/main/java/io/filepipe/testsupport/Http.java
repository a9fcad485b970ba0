package io.filepipe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one HTTP client of the tests: HTTP/1.1, no redirects followed, a bounded wait for every
 * answer sent through {@link #send(HttpRequest.Builder)}, the body kept as bytes and read as text
 * or JSON on demand.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** How long {@link #send(HttpRequest.Builder)} waits for an answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    /** An answer: its status, its headers (names in lower case, values joined by commas) and its body. */
    public record Response(int status, Map<String, String> headers, byte[] bytes) {

        /** The body as UTF-8 text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The body parsed as JSON; missing when the body is empty. */
        public JsonNode json() {
            String body = body();
            return body.isBlank() ? MissingNode.getInstance() : parse(body);
        }

        /** The named header, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The Content-Type header, or the empty string. */
        public String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }
    }

    /** Sends {@code request} with {@link #TIMEOUT} as its timeout. */
    public static Response send(HttpRequest.Builder request) {
        return send(request.timeout(TIMEOUT).build());
    }

    /** Sends {@code request} as it is. */
    public static Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.uri(), e);
        }
    }

    /** A request to {@code uri}, with {@code Authorization: Bearer <token>} unless {@code token} is null. */
    public static HttpRequest.Builder request(URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public static Response get(URI uri, String token) {
        return send(request(uri, token).GET());
    }

    public static Response delete(URI uri, String token) {
        return send(request(uri, token).DELETE());
    }

    public static Response postJson(URI uri, String token, String body) {
        return send(request(uri, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The JSON body of an upload of {@code data} named {@code name}, with {@code comment} unless it is null. */
    public static String uploadBody(String name, String comment, byte[] data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file_name", name);
        if (comment != null) {
            body.put("comment", comment);
        }
        body.put("file_data", Base64.getEncoder().encodeToString(data));
        return write(body);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
