package io.filepipe.api;

import static io.filepipe.testsupport.Http.delete;
import static io.filepipe.testsupport.Http.get;
import static io.filepipe.testsupport.Http.postJson;
import static io.filepipe.testsupport.Http.uploadBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.support.ApiTestStack;
import io.filepipe.testsupport.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UploadApiIT {

    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};

    private final ApiTestStack stack = ApiTestStack.shared();

    private Http.Response upload(String token, String name, byte[] data) {
        return postJson(stack.uri("/upload"), token, uploadBody(name, "holiday", data));
    }

    @Test
    void uploadStoresTheObjectAndAPendingItem() throws Exception {
        String user = ApiTestStack.newUser();
        byte[] data = "hello, filepipe\n".getBytes(StandardCharsets.UTF_8);

        Http.Response response = upload(stack.tokenFor(user), "notes.txt", data);

        assertEquals(201, response.status(), response.body());
        JsonNode body = response.json();
        String fileId = body.get("file_id").asText();
        String key = "uploads/" + ApiTestStack.subOf(user) + "/" + fileId + "/notes.txt";
        assertEquals("File uploaded successfully.", body.get("message").asText());
        assertEquals("s3://" + stack.bucket + "/" + key, body.get("s3_path").asText());
        assertEquals("PENDING", body.get("status").asText());
        assertEquals("/files/" + fileId, response.header("Location"));
        assertArrayEquals(data, stack.s3.getObjectAsBytes(r -> r.bucket(stack.bucket).key(key)).asByteArray());
        Map<String, AttributeValue> item = stack.itemsOf(user).get(0);
        assertEquals("PENDING", item.get("status").s());
        assertEquals("FILE#" + fileId, item.get("SK").s());
        assertEquals("text/plain", item.get("contentType").s());
        assertEquals(Integer.toString(data.length), item.get("size").n());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), item.get("sha256").s());
        assertEquals("holiday", item.get("comment").s());
    }

    @Test
    void contentTypeComesFromTheBytesNotTheName() {
        String user = ApiTestStack.newUser();
        upload(stack.tokenFor(user), "looks-like.txt", PNG_HEAD);
        assertEquals("image/png", stack.itemsOf(user).get(0).get("contentType").s());
    }

    @Test
    void unicodeNameIsKeptForTheUserButSanitizedInTheKey() {
        String user = ApiTestStack.newUser();
        JsonNode body = upload(stack.tokenFor(user), "Café menu 2026.txt", "x".getBytes(StandardCharsets.UTF_8)).json();
        assertTrue(body.get("s3_path").asText().endsWith("/Caf__menu_2026.txt"), body.toString());
        JsonNode file = get(stack.uri("/files/" + body.get("file_id").asText()), stack.tokenFor(user)).json();
        assertEquals("Café menu 2026.txt", file.get("file_name").asText());
    }

    @Test
    void getFileReturnsItsStatusAndMetadata() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        String fileId = upload(token, "a.txt", "abc".getBytes(StandardCharsets.UTF_8)).json().get("file_id").asText();

        Http.Response response = get(stack.uri("/files/" + fileId), token);

        assertEquals(200, response.status());
        JsonNode file = response.json();
        assertEquals(fileId, file.get("file_id").asText());
        assertEquals("PENDING", file.get("status").asText());
        assertEquals(3, file.get("size").asInt());
        assertEquals("/files/" + fileId + "/content", file.get("content_url").asText());
        assertTrue(file.get("created_at").asText().endsWith("Z"));
    }

    @Test
    void listPagesNewestFirst() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(0, upload(token, "f" + i + ".txt", new byte[] {'a', (byte) ('0' + i)}).json().get("file_id").asText());
        }

        JsonNode first = get(stack.uri("/files?limit=2"), token).json();
        JsonNode second = get(stack.uri("/files?limit=2&cursor=" + first.get("next_cursor").asText()), token).json();

        List<String> seen = new ArrayList<>();
        first.get("items").forEach(f -> seen.add(f.get("file_id").asText()));
        second.get("items").forEach(f -> seen.add(f.get("file_id").asText()));
        assertEquals(uploaded, seen);
        assertFalse(second.has("next_cursor"));
    }

    @Test
    void base64WrappedAsGnuBase64AndMimeWriteItStoresTheSameBytes() {
        byte[] data = new byte[1_000];
        new java.util.Random(7).nextBytes(data);
        for (String lineBreak : new String[] {"\\n", "\\r\\n"}) {
            String user = ApiTestStack.newUser();
            String body = "{\"file_name\":\"wrapped.bin\",\"file_data\":\"" + UploadValidationIT.wrapped(data, lineBreak) + "\"}";

            Http.Response response = postJson(stack.uri("/upload"), stack.tokenFor(user), body);

            assertEquals(201, response.status(), response.body());
            String key = "uploads/" + ApiTestStack.subOf(user) + "/" + response.json().get("file_id").asText() + "/wrapped.bin";
            assertArrayEquals(data, stack.s3.getObjectAsBytes(r -> r.bucket(stack.bucket).key(key)).asByteArray(), lineBreak);
        }
    }

    @Test
    void contentRedirectsToAPresignedUrlThatServesTheBytes() throws Exception {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = "download me".getBytes(StandardCharsets.UTF_8);
        String fileId = upload(token, "d.txt", data).json().get("file_id").asText();

        Http.Response redirect = get(stack.uri("/files/" + fileId + "/content"), token);

        assertEquals(302, redirect.status());
        Http.Response download = Http.send(HttpRequest.newBuilder(URI.create(redirect.header("Location"))));
        assertEquals(200, download.status());
        assertArrayEquals(data, download.bytes());
    }

    @Test
    void contentAnswersItsUrlWithoutRedirectingAClientThatAcceptsOnlyJson() throws Exception {
        String token = stack.tokenFor(ApiTestStack.newUser());
        byte[] data = "for a script".getBytes(StandardCharsets.UTF_8);
        String fileId = upload(token, "s.txt", data).json().get("file_id").asText();

        Http.Response answer = Http.send(Http.request(stack.uri("/files/" + fileId + "/content"), token)
                .header("Accept", "application/json"));

        assertEquals(200, answer.status(), answer.body());
        assertNull(answer.header("Location"));
        assertEquals("no-store", answer.header("Cache-Control"));
        Http.Response download = Http.send(HttpRequest.newBuilder(URI.create(answer.json().get("url").asText())));
        assertArrayEquals(data, download.bytes());
    }

    @Test
    void theDownloadNamesTheFileForClientsThatReadOnlyThePlainFilename() throws Exception {
        String token = stack.tokenFor(ApiTestStack.newUser());
        String fileId = upload(token, "Résumé \"final\".txt", "cv".getBytes(StandardCharsets.UTF_8)).json().get("file_id").asText();

        Http.Response redirect = get(stack.uri("/files/" + fileId + "/content"), token);
        Http.Response download = Http.send(HttpRequest.newBuilder(URI.create(redirect.header("Location"))).build());

        assertEquals(200, download.status());
        assertEquals("attachment; filename=\"Resume \\\"final\\\".txt\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.txt",
                download.header("Content-Disposition"));
    }

    @Test
    void deleteRemovesTheObjectAndTheItem() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        String fileId = upload(token, "gone.txt", "bye".getBytes(StandardCharsets.UTF_8)).json().get("file_id").asText();

        assertEquals(204, delete(stack.uri("/files/" + fileId), token).status());

        assertEquals(List.of(), stack.itemsOf(user));
        assertEquals(List.of(), stack.objectsOf(user));
        assertEquals(404, get(stack.uri("/files/" + fileId), token).status());
        assertEquals(404, delete(stack.uri("/files/" + fileId), token).status());
    }

    @Test
    void userReturnsTheTokensIdentity() {
        String user = ApiTestStack.newUser();
        JsonNode me = get(stack.uri("/user"), stack.tokenFor(user)).json();
        assertEquals(ApiTestStack.subOf(user), me.get("sub").asText());
        assertEquals(user, me.get("username").asText());
        assertEquals(user + "@example.com", me.get("email").asText());
    }

    @Test
    void healthNeedsNoToken() {
        Http.Response health = get(stack.uri("/health"), null);
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheFirstResponseAndStoresNothingNew() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        HttpRequest request = Http.request(stack.uri("/upload"), token)
                .header("Content-Type", "application/json").header("Idempotency-Key", "order-42")
                .POST(HttpRequest.BodyPublishers.ofString(uploadBody("i.txt", null, new byte[] {'i'}))).build();

        Http.Response first = Http.send(request);
        Http.Response again = Http.send(request);

        assertEquals(201, first.status());
        assertEquals(200, again.status());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.json(), again.json());
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(1, stack.objectsOf(user).size());
        assertEquals(2, stack.itemsOf(user).size()); // the file and its idempotency record
    }

    @Test
    void idempotencyKeyReusedForADifferentFileIsRefused() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        Http.send(Http.request(stack.uri("/upload"), token).header("Idempotency-Key", "k1")
                .POST(HttpRequest.BodyPublishers.ofString(uploadBody("a.txt", null, new byte[] {'a'}))).build());

        Http.Response reused = Http.send(Http.request(stack.uri("/upload"), token).header("Idempotency-Key", "k1")
                .POST(HttpRequest.BodyPublishers.ofString(uploadBody("b.txt", null, new byte[] {'b'}))).build());

        assertEquals(422, reused.status());
        assertEquals("https://filepipe.dev/problems/idempotency-key-reused", reused.json().get("type").asText());
        assertEquals(1, stack.objectsOf(user).size());
    }

    @Test
    void tokenIsAcceptedBareAndWithAnyCaseOfBearer() {
        String token = stack.tokenFor(ApiTestStack.newUser());
        for (String header : List.of(token, "Bearer " + token, "bearer " + token, "BEARER  " + token)) {
            Http.Response response = Http.send(HttpRequest.newBuilder(stack.uri("/user"))
                    .header("Authorization", header).build());
            assertEquals(200, response.status(), header.substring(0, 8));
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        Http.Response response = Http.send(HttpRequest.newBuilder(stack.uri("/health"))
                .header("X-Request-Id", "trace-123").build());
        assertEquals("trace-123", response.header("X-Request-Id"));
    }
}
