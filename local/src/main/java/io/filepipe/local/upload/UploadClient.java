package io.filepipe.local.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The upload API's routes as the {@code upload} command uses them, on {@code java.net.http}: the
 * inline {@code POST /upload}, the presigned path ({@code POST /uploads}, {@code GET /uploads/{id}},
 * the part PUTs to S3, {@code complete}) and {@code GET /files/{id}}. Bodies are streamed from the
 * file; none is held whole in memory. An answer other than the expected one is an {@link ApiError}
 * carrying the problem's detail; a connection that fails is {@link Unreachable}.
 */
public final class UploadClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int PART_ATTEMPTS = 3;

    private final URI api;
    private final String token;
    private final HttpClient http;

    public UploadClient(URI api, String token) {
        this.api = api;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI api() {
        return api;
    }

    /** A presigned URL for one part, and the part's size as the API planned it. */
    public record PartUrl(int number, URI url, long size) {
    }

    /**
     * An upload session as the API describes it.
     *
     * @param missing  the parts still to send, with fresh URLs
     * @param uploaded the ETags of the parts S3 holds already, by part number (a resumed upload)
     * @param status   {@code OPEN} or {@code COMPLETED}
     */
    public record Session(String uploadId, String fileId, long partSize, int partCount, List<PartUrl> missing,
                          Map<String, String> headers, SortedMap<Integer, String> uploaded, String status) {

        boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /** The API answered with another status than the call expects. */
    public static final class ApiError extends RuntimeException {
        private final String call;
        private final int status;
        private final String detail;

        ApiError(String call, int status, String body) {
            super(call + " answered " + status + ": " + detailOf(body), null, false, false);
            this.call = call;
            this.status = status;
            this.detail = detailOf(body);
        }

        /** The call that was answered, e.g. {@code POST /uploads}. */
        public String call() {
            return call;
        }

        public int status() {
            return status;
        }

        /** The problem's {@code detail}, or the body as it came. */
        public String detail() {
            return detail;
        }

        private static String detailOf(String body) {
            try {
                JsonNode problem = JSON.readTree(body);
                return problem.hasNonNull("detail") ? problem.get("detail").asText()
                        : problem.hasNonNull("message") ? problem.get("message").asText() : body;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return body;
            }
        }
    }

    /** No connection could be made, or it broke. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(URI where, IOException cause) {
            super(where.getScheme() + "://" + where.getRawAuthority() + " does not answer (" + cause + ")", cause);
        }
    }

    /** {@code POST /upload} with the file base64 in the JSON body, encoded while it is sent. */
    public JsonNode uploadInline(Path file, String fileName, String comment) throws InterruptedException {
        long size = size(file);
        byte[] head = ("{\"file_name\":" + quote(fileName) + ",\"comment\":" + quote(comment) + ",\"file_data\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        long length = head.length + Base64Stream.encodedLength(size) + tail.length;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(Collections.enumeration(List.<InputStream>of(
                                new ByteArrayInputStream(head), new Base64Stream(Files.newInputStream(file)),
                                new ByteArrayInputStream(tail))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), length);
        return expect("POST /upload", 201, send(api("/upload").header("Content-Type", "application/json").POST(body)));
    }

    /** {@code POST /uploads}: opens an upload of {@code size} bytes. */
    public Session open(String fileName, String comment, long size, String sha256) throws InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("file_name", fileName).put("comment", comment)
                .put("size", size).put("sha256", sha256);
        return session(expect("POST /uploads", 201, send(api("/uploads").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())))));
    }

    /** {@code GET /uploads/{id}}: the parts still missing, with fresh URLs. */
    public Session session(String uploadId) throws InterruptedException {
        return session(expect("GET /uploads/" + uploadId, 200, send(api("/uploads/" + uploadId).GET())));
    }

    /**
     * PUTs one part of {@code file} to its presigned URL, read from the file as it is sent, with
     * exactly the session's headers and no Authorization; tries again on a broken connection or a
     * 5xx. Returns the part's ETag.
     */
    public String putPart(Session session, PartUrl part, Path file, PartPlan plan, LongConsumer progress)
            throws InterruptedException {
        PartPlan.Part slice = plan.part(part.number());
        for (int attempt = 1; ; attempt++) {
            long[] sent = {0};
            HttpRequest.Builder request = HttpRequest.newBuilder(part.url()).timeout(Duration.ofMinutes(10))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            return FileSlice.open(file, slice.offset(), slice.length(), n -> {
                                sent[0] += n;
                                progress.accept(n);
                            });
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), slice.length()));
            session.headers().forEach(request::header);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.headers().firstValue("ETag").orElseThrow(() -> new ApiError(
                            "PUT part " + part.number(), 200, "S3 answered without an ETag"));
                }
                if (response.statusCode() < 500 || attempt == PART_ATTEMPTS) {
                    throw new ApiError("PUT part " + part.number(), response.statusCode(), response.body());
                }
            } catch (IOException e) {
                if (attempt == PART_ATTEMPTS) {
                    throw new Unreachable(part.url(), e);
                }
            }
            progress.accept(-sent[0]);
        }
    }

    /** {@code POST /uploads/{id}/complete} with every part's ETag; the answer of {@code POST /upload}. */
    public JsonNode complete(String uploadId, Map<Integer, String> etags) throws InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode parts = request.putArray("parts");
        new TreeMap<>(etags).forEach((n, etag) -> parts.addObject().put("part_number", n).put("etag", etag));
        HttpResponse<String> response = send(api("/uploads/" + uploadId + "/complete")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        // 200 is the idempotent replay of a completion that happened already
        return expect("POST /uploads/" + uploadId + "/complete", response.statusCode() == 200 ? 200 : 201, response);
    }

    /** {@code GET /files/{id}}. */
    public JsonNode file(String fileId) throws InterruptedException {
        return expect("GET /files/" + fileId, 200, send(api("/files/" + fileId).GET()));
    }

    private Session session(JsonNode body) {
        List<PartUrl> missing = new ArrayList<>();
        body.path("parts").forEach(p -> missing.add(new PartUrl(p.get("part_number").asInt(),
                URI.create(p.get("url").asText()), p.path("size").asLong())));
        Map<String, String> headers = new LinkedHashMap<>();
        body.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        SortedMap<Integer, String> uploaded = new TreeMap<>();
        body.path("uploaded_parts").forEach(p -> uploaded.put(p.get("part_number").asInt(), p.get("etag").asText()));
        return new Session(body.path("upload_id").asText(), body.path("file_id").asText(),
                body.path("part_size").asLong(), body.path("part_count").asInt(missing.size()), List.copyOf(missing),
                Map.copyOf(headers), Collections.unmodifiableSortedMap(uploaded), body.path("status").asText("OPEN"));
    }

    private HttpRequest.Builder api(String path) {
        String base = api.toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).header("Authorization", token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(api, e);
        }
    }

    private static JsonNode expect(String call, int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new ApiError(call, response.statusCode(), response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ApiError(call, response.statusCode(), "not JSON: " + response.body());
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
