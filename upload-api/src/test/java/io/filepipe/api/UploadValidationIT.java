package io.filepipe.api;

import static io.filepipe.testsupport.Http.uploadBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.support.ApiTestStack;
import io.filepipe.testsupport.Http;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refused upload gets its problem type, leaks nothing, and stores nothing. */
class UploadValidationIT {

    private static final String P = "https://filepipe.dev/problems/";
    private final ApiTestStack stack = ApiTestStack.shared();

    static Stream<Arguments> badUploads() {
        String ok = "aGVsbG8=";
        return Stream.of(
                Arguments.of("not JSON", "{file_name:", 400, "malformed-json"),
                Arguments.of("JSON array", "[1,2]", 400, "malformed-json"),
                Arguments.of("empty body", "", 400, "malformed-json"),
                Arguments.of("trailing data", "{\"file_name\":\"a\",\"file_data\":\"" + ok + "\"} x", 400, "malformed-json"),
                Arguments.of("duplicate key", "{\"file_name\":\"a\",\"file_name\":\"b\",\"file_data\":\"" + ok + "\"}", 400, "malformed-json"),
                Arguments.of("deep nesting", "{\"x\":" + "[".repeat(100) + "]".repeat(100) + ",\"file_name\":\"a\",\"file_data\":\"" + ok + "\"}", 400, "malformed-json"),
                Arguments.of("missing file_name", "{\"file_data\":\"" + ok + "\"}", 400, "invalid-field"),
                Arguments.of("missing file_data", "{\"file_name\":\"a.txt\"}", 400, "invalid-field"),
                Arguments.of("file_name a number", "{\"file_name\":7,\"file_data\":\"" + ok + "\"}", 400, "invalid-field"),
                Arguments.of("file_data an object", "{\"file_name\":\"a\",\"file_data\":{}}", 400, "invalid-field"),
                Arguments.of("file_data null", "{\"file_name\":\"a\",\"file_data\":null}", 400, "invalid-field"),
                Arguments.of("comment a list", "{\"file_name\":\"a\",\"comment\":[],\"file_data\":\"" + ok + "\"}", 400, "invalid-field"),
                Arguments.of("comment too long", uploadBody("a.txt", "c".repeat(ApiTestStack.MAX_COMMENT_CHARS + 1), new byte[] {1}), 400, "invalid-field"),
                Arguments.of("comment with NUL", uploadBody("a.txt", "a\u0000b", new byte[] {1}), 400, "invalid-field"),
                Arguments.of("base64 bad character", "{\"file_name\":\"a\",\"file_data\":\"aGVs*G8=\"}", 400, "invalid-base64"),
                Arguments.of("base64 url alphabet", "{\"file_name\":\"a\",\"file_data\":\"-_-_\"}", 400, "invalid-base64"),
                Arguments.of("base64 without padding", "{\"file_name\":\"a\",\"file_data\":\"aGVsbG8\"}", 400, "invalid-base64"),
                Arguments.of("base64 with a space", "{\"file_name\":\"a\",\"file_data\":\"aGVs bG8=\"}", 400, "invalid-base64"),
                Arguments.of("base64 with a tab", "{\"file_name\":\"a\",\"file_data\":\"aGVs\\tbG8=\"}", 400, "invalid-base64"),
                Arguments.of("base64 with a lone carriage return", "{\"file_name\":\"a\",\"file_data\":\"aGVs\\rbG8=\"}", 400, "invalid-base64"),
                Arguments.of("base64 with raw line breaks (GNU base64 between quotes)", "{\"file_name\":\"a\",\"file_data\":\""
                        + wrapped(new byte[100], "\n") + "\"}", 400, "malformed-json"),
                Arguments.of("wrapped base64 decoding past the limit", "{\"file_name\":\"a\",\"file_data\":\""
                        + wrapped(new byte[(int) ApiTestStack.MAX_FILE_BYTES + 1], "\\n") + "\"}", 413, "payload-too-large"),
                Arguments.of("base64 padding inside", "{\"file_name\":\"a\",\"file_data\":\"aG==bG8=\"}", 400, "invalid-base64"),
                Arguments.of("empty file", "{\"file_name\":\"a\",\"file_data\":\"\"}", 400, "empty-file"),
                Arguments.of("empty name", uploadBody("", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("traversal", uploadBody("../x", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("slash", uploadBody("a/b", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("backslash", uploadBody("a\\b", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("dot dot", uploadBody("..", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("control char", uploadBody("a\u0007.txt", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("bidi override", uploadBody("invoice\u202Efdp.exe", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("percent-encoded traversal", uploadBody("%2e%2e", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("percent-encoded separator", uploadBody("..%2F..%2Fetc%2Fpasswd", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("double-encoded traversal", uploadBody("%252e%252e", null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("name over 255 bytes", uploadBody("n".repeat(256), null, new byte[] {1}), 400, "invalid-file-name"),
                Arguments.of("decoded file too large", uploadBody("big.bin", null, new byte[(int) ApiTestStack.MAX_FILE_BYTES + 1]), 413, "payload-too-large"));
    }

    /** {@code data} in base64 wrapped at 76 characters, as GNU {@code base64} writes it, with {@code lineBreak} between lines. */
    static String wrapped(byte[] data, String lineBreak) {
        return String.join(lineBreak, Base64.getEncoder().encodeToString(data).split("(?<=\\G.{76})"));
    }

    @org.junit.jupiter.api.Test
    void rawLineBreaksInFileDataGetADetailThatSaysHowToEncodeWithoutThem() {
        String user = ApiTestStack.newUser();
        String body = "{\"file_name\":\"a.bin\",\"file_data\":\"" + wrapped(new byte[200], "\n") + "\"}";

        Http.Response response = Http.postJson(stack.uri("/upload"), stack.tokenFor(user), body);

        assertProblem(response, 400, "malformed-json");
        assertEquals("file_data", response.json().get("field").asText());
        assertTrue(response.json().get("detail").asText().contains("base64 -w0"), response.body());
        assertEquals(List.of(), stack.itemsOf(user));
    }

    /**
     * A body over the limit is refused by its declared length, before it is read. The client asks
     * first ({@code Expect: 100-continue}, as curl does above 1 MB), so it hears the answer instead
     * of a connection closed while it was still sending bytes the server will never read.
     */
    @org.junit.jupiter.api.Test
    void aBodyOverTheLimitIsRefusedBeforeItIsSent() {
        String user = ApiTestStack.newUser();
        String body = "{\"file_name\":\"a\",\"x\":\"" + "y".repeat((int) ApiTestStack.MAX_BODY_BYTES) + "\"}";

        Http.Response response = Http.send(Http.request(stack.uri("/upload"), stack.tokenFor(user)).expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertProblem(response, 413, "payload-too-large");
        assertEquals(List.of(), stack.itemsOf(user));
        assertEquals(List.of(), stack.objectsOf(user));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void badUploadIsRefusedWithItsProblemAndStoresNothing(String name, String body, int status, String type) {
        String user = ApiTestStack.newUser();

        Http.Response response = Http.postJson(stack.uri("/upload"), stack.tokenFor(user), body);

        assertProblem(response, status, type);
        assertEquals(List.of(), stack.itemsOf(user));
        assertEquals(List.of(), stack.objectsOf(user));
    }

    @org.junit.jupiter.api.Test
    void methodNotAllowedNamesTheAllowedMethods() {
        Http.Response response = Http.send(Http.request(stack.uri("/files/x"), null)
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(response, 405, "method-not-allowed");
        assertEquals("GET, DELETE", response.header("Allow"));
    }

    @org.junit.jupiter.api.Test
    void oversizedHeadersGetAProblemNotAnHtmlPage() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.uri("/").getPort())) {
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 431"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains(P + "request-headers-too-large"), response);
            assertFalse(response.contains("<html"), response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/upload", "/uploads", "/uploads/any/complete"})
    void aBodyDeclaredOverTheLimitIsRefusedInsteadOfInvitedWithContinue(String path) throws Exception {
        long overEveryLimit = Math.max(ApiTestStack.MAX_BODY_BYTES, 1_048_576) + 1;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.uri("/").getPort())) {
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + stack.tokenFor(ApiTestStack.newUser()) + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + overEveryLimit + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // no body follows: a "100 Continue" first would have asked for the bytes the server then refuses
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains(P + "payload-too-large"), response);
        }
    }

    @org.junit.jupiter.api.Test
    void overlongUriGetsAProblemNotAnHtmlPage() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.uri("/").getPort())) {
            socket.getOutputStream().write(("GET /files?cursor=" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 414"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains(P + "uri-too-long"), response);
            assertFalse(response.contains("<html"), response);
        }
    }

    @org.junit.jupiter.api.Test
    void malformedHttpGetsAProblem() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.uri("/").getPort())) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains(P + "bad-request"), response);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRefusedWithItsProblem(String name, HttpRequest.Builder request, int status, String type) {
        assertProblem(Http.send(request.build()), status, type);
    }

    static Stream<Arguments> badRequests() {
        ApiTestStack stack = ApiTestStack.shared();
        String token = stack.tokenFor(ApiTestStack.newUser());
        String body = uploadBody("a.txt", null, new byte[] {1});
        return Stream.of(
                Arguments.of("wrong content type", Http.request(stack.uri("/upload"), token)
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)), 415, "unsupported-media-type"),
                Arguments.of("multipart", Http.request(stack.uri("/upload"), token)
                        .header("Content-Type", "multipart/form-data; boundary=x").POST(HttpRequest.BodyPublishers.ofString(body)), 415, "unsupported-media-type"),
                Arguments.of("idempotency key with spaces", Http.request(stack.uri("/upload"), token)
                        .header("Idempotency-Key", "a b").POST(HttpRequest.BodyPublishers.ofString(body)), 400, "invalid-parameter"),
                Arguments.of("unknown route", Http.request(stack.uri("/nope"), token).GET(), 404, "not-found"),
                Arguments.of("method not allowed", Http.request(stack.uri("/upload"), token).GET(), 405, "method-not-allowed"),
                Arguments.of("put on files", Http.request(stack.uri("/files/x"), token).PUT(HttpRequest.BodyPublishers.noBody()), 405, "method-not-allowed"),
                Arguments.of("limit zero", Http.request(stack.uri("/files?limit=0"), token).GET(), 400, "invalid-parameter"),
                Arguments.of("limit not a number", Http.request(stack.uri("/files?limit=ten"), token).GET(), 400, "invalid-parameter"),
                Arguments.of("forged cursor", Http.request(stack.uri("/files?cursor=Zm9v"), token).GET(), 400, "invalid-parameter"),
                Arguments.of("unknown method", Http.request(stack.uri("/upload"), token)
                        .method("BREW", HttpRequest.BodyPublishers.noBody()), 405, "method-not-allowed"),
                Arguments.of("traversal in the path", Http.request(stack.uri("/files/..%2F..%2Fuser"), token).GET(), 404, "not-found"),
                Arguments.of("malformed file id", Http.request(stack.uri("/files/..%2F..%2Fetc"), token).GET(), 404, "not-found"),
                Arguments.of("unknown file id", Http.request(stack.uri("/files/01J0000000000000000000000Z"), token).GET(), 404, "not-found"));
    }

    static void assertProblem(Http.Response response, int status, String type) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        JsonNode problem = response.json();
        assertEquals(P + type, problem.get("type").asText());
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("title").asText().isBlank());
        assertFalse(problem.get("detail").asText().isBlank());
        for (String leak : Arrays.asList("Exception", "at io.", "at java.", "software.amazon", "jackson", "nimbus")) {
            assertFalse(response.body().contains(leak), "leaks '" + leak + "': " + response.body());
        }
        assertTrue(response.body().getBytes(StandardCharsets.UTF_8).length < 2_000, "problem bodies stay small");
    }
}
