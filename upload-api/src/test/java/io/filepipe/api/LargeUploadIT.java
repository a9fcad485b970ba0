package io.filepipe.api;

import static io.filepipe.api.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.support.ApiTestStack;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.UserId;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.ManualClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code /uploads} over HTTP on DynamoDB Local and S3Proxy, with the parts PUT to the presigned URLs
 * as a client sends them (java.net.http, the headers the API names, no Authorization).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeUploadIT {

    private static final int MIB = 1024 * 1024;
    private static final long MAX_FILE = 64L * MIB;
    private static final int MAX_OPEN = 3;

    private final ManualClock clock = new ManualClock(Instant.now());
    private ApiTestStack stack;

    @BeforeAll
    void start() {
        stack = ApiTestStack.withClock(clock, Map.of(
                ApiConfig.MAX_LARGE_FILE_BYTES, Long.toString(MAX_FILE),
                ApiConfig.MAX_OPEN_UPLOADS, Integer.toString(MAX_OPEN)));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private static byte[] bytes(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    private static String startBody(String name, long size, String sha256) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file_name", name);
        body.put("comment", "large");
        body.put("size", size);
        if (sha256 != null) {
            body.put("sha256", sha256);
        }
        return Http.write(body);
    }

    private Http.Response start(String token, byte[] data, boolean declareSha) {
        return Http.postJson(stack.uri("/uploads"), token, startBody("clip.bin", data.length,
                declareSha ? Sha256.hex(data) : null));
    }

    /** PUTs part {@code n} of {@code data} to its URL in {@code ticket} as a client does; returns the answer. */
    private static Http.Response put(JsonNode ticket, byte[] data, int n) {
        JsonNode part = StreamSupport.stream(ticket.get("parts").spliterator(), false)
                .filter(p -> p.get("part_number").asInt() == n).findFirst().orElseThrow();
        long partSize = ticket.get("part_size").asLong();
        byte[] body = Arrays.copyOfRange(data, (int) ((n - 1) * partSize), (int) ((n - 1) * partSize + part.get("size").asLong()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(part.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        ticket.get("headers").properties().forEach(h -> request.header(h.getKey(), h.getValue().asText()));
        return Http.send(request);
    }

    private static Map<String, Object> tag(int n, String etag) {
        return Map.of("part_number", n, "etag", etag);
    }

    private Http.Response complete(String token, String uploadId, List<Map<String, Object>> parts) {
        return Http.postJson(stack.uri("/uploads/" + uploadId + "/complete"), token, Http.write(Map.of("parts", parts)));
    }

    private List<Map<String, Object>> putAll(JsonNode ticket, byte[] data, int... order) {
        List<Map<String, Object>> tags = new ArrayList<>();
        for (int n : order) {
            Http.Response response = put(ticket, data, n);
            assertEquals(200, response.status(), response.body());
            tags.add(tag(n, response.header("ETag")));
        }
        return tags;
    }

    private byte[] download(String token, String fileId) {
        Http.Response redirect = Http.get(stack.uri("/files/" + fileId + "/content"), token);
        assertEquals(302, redirect.status(), redirect.body());
        return Http.get(URI.create(redirect.header("Location")), null).bytes();
    }

    @Test
    void aFileOfOnePartGoesUpWithOnePresignedPutAndEndsAsAPendingFile() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(70_000);

        Http.Response started = start(token, data, true);
        JsonNode ticket = started.json();
        List<Map<String, Object>> tags = putAll(ticket, data, 1);
        Http.Response completed = complete(token, ticket.get("upload_id").asText(), tags);

        assertEquals(201, started.status(), started.body());
        assertEquals("/uploads/" + ticket.get("upload_id").asText(), started.header("Location"));
        assertEquals(1, ticket.get("part_count").asInt());
        assertEquals("application/octet-stream", ticket.get("headers").get("Content-Type").asText());
        assertEquals(201, completed.status(), completed.body());
        JsonNode receipt = completed.json();
        String fileId = receipt.get("file_id").asText();
        assertEquals("File uploaded successfully.", receipt.get("message").asText());
        assertEquals("PENDING", receipt.get("status").asText());
        assertEquals("s3://" + stack.bucket + "/" + stack.objectsOf(user).getFirst(), receipt.get("s3_path").asText());
        assertEquals("/files/" + fileId, completed.header("Location"));
        JsonNode file = Http.get(stack.uri("/files/" + fileId), token).json();
        assertEquals(Sha256.hex(data), file.get("sha256").asText());
        assertEquals(data.length, file.get("size").asLong());
        assertArrayEquals(data, download(token, fileId));
    }

    @Test
    void aLargeFileGoesUpInPartsSentOutOfOrderAndIsTheSameBytesAfterwards() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(16 * MIB + 12_345);

        JsonNode ticket = start(token, data, true).json();
        List<Map<String, Object>> tags = putAll(ticket, data, 3, 1, 2);
        Http.Response completed = complete(token, ticket.get("upload_id").asText(), tags);

        assertEquals(8 * MIB, ticket.get("part_size").asLong());
        assertEquals(3, ticket.get("part_count").asInt());
        assertEquals(201, completed.status(), completed.body());
        String fileId = completed.json().get("file_id").asText();
        assertEquals(ticket.get("file_id").asText(), fileId);
        assertEquals("PENDING", Http.get(stack.uri("/files/" + fileId), token).json().get("status").asText());
        assertArrayEquals(data, download(token, fileId));
    }

    @Test
    void anInterruptedUploadResumesWithUrlsOnlyForThePartsStillMissing() {
        String token = stack.tokenFor(ApiTestStack.newUser());
        byte[] data = bytes(16 * MIB + 1);
        JsonNode ticket = start(token, data, false).json();
        String id = ticket.get("upload_id").asText();
        List<Map<String, Object>> tags = new ArrayList<>(putAll(ticket, data, 2));

        Http.Response status = Http.get(stack.uri("/uploads/" + id), token);
        JsonNode resumed = status.json();
        tags.addAll(putAll(resumed, data, 1, 3));

        assertEquals(200, status.status(), status.body());
        assertEquals("OPEN", resumed.get("status").asText());
        assertEquals(List.of(1, 3), StreamSupport.stream(resumed.get("parts").spliterator(), false)
                .map(p -> p.get("part_number").asInt()).toList());
        assertEquals(2, resumed.get("uploaded_parts").get(0).get("part_number").asInt());
        assertEquals(tags.getFirst().get("etag"), resumed.get("uploaded_parts").get(0).get("etag").asText());
        assertEquals(201, complete(token, id, tags).status());
        JsonNode done = Http.get(stack.uri("/uploads/" + id), token).json();
        assertEquals("COMPLETED", done.get("status").asText());
        assertEquals(0, done.get("parts").size());
    }

    @Test
    void completingTwiceAnswersTheSameReceiptMarkedReplayed() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(1000);
        JsonNode ticket = start(token, data, false).json();
        String id = ticket.get("upload_id").asText();
        List<Map<String, Object>> tags = putAll(ticket, data, 1);

        Http.Response first = complete(token, id, tags);
        Http.Response second = complete(token, id, tags);

        assertEquals(201, first.status());
        assertEquals(200, second.status());
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(first.json(), second.json());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(1, Http.get(stack.uri("/files"), token).json().get("items").size());
    }

    @Test
    void anAbortedUploadIsGoneAndLeavesNothingBehind() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(16 * MIB + 1);
        JsonNode ticket = start(token, data, false).json();
        String id = ticket.get("upload_id").asText();
        List<Map<String, Object>> tags = putAll(ticket, data, 1, 2);

        Http.Response aborted = Http.delete(stack.uri("/uploads/" + id), token);
        // S3 refuses a part PUT after the abort (NoSuchUpload); S3Proxy answers 200 and keeps it nowhere
        put(ticket, data, 3);

        assertEquals(204, aborted.status(), aborted.body());
        assertProblem(Http.get(stack.uri("/uploads/" + id), token), 404, "not-found");
        assertProblem(complete(token, id, tags), 404, "not-found");
        assertProblem(Http.delete(stack.uri("/uploads/" + id), token), 404, "not-found");
        assertEquals(List.of(), stack.objectsOf(user));
        assertEquals(List.of(), stack.itemsOf(user));
    }

    @Test
    void anotherUsersUploadIsNotFound() {
        String token = stack.tokenFor(ApiTestStack.newUser());
        String other = stack.tokenFor(ApiTestStack.newUser());
        byte[] data = bytes(1000);
        JsonNode ticket = start(token, data, false).json();
        String id = ticket.get("upload_id").asText();
        List<Map<String, Object>> tags = putAll(ticket, data, 1);

        assertProblem(Http.get(stack.uri("/uploads/" + id), other), 404, "not-found");
        assertProblem(complete(other, id, tags), 404, "not-found");
        assertProblem(Http.delete(stack.uri("/uploads/" + id), other), 404, "not-found");
        assertEquals(201, complete(token, id, tags).status());
    }

    @Test
    void bytesThatAreNotTheDeclaredOnesAreRefusedAndDeleted() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] declared = bytes(16 * MIB + 3);
        byte[] sent = declared.clone();
        sent[5] ^= 1;
        JsonNode ticket = start(token, declared, true).json();
        List<Map<String, Object>> tags = putAll(ticket, sent, 1, 2, 3);

        assertProblem(complete(token, ticket.get("upload_id").asText(), tags), 400, "upload-mismatch");

        assertEquals(List.of(), stack.objectsOf(user));
        assertEquals(List.of(), stack.itemsOf(user));
    }

    @Test
    void anObjectOfAnotherSizeIsRefusedAndDeleted() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(1000);
        JsonNode ticket = start(token, data, false).json();
        String key = KeyScheme.objectKey(new UserId(ApiTestStack.subOf(user)), new FileId(ticket.get("file_id").asText()),
                FileName.of("clip.bin"));
        // the presigned URL holds a client to the length; written around it, as a backend that does not check (moto) allows
        stack.s3.putObject(r -> r.bucket(stack.bucket).key(key), RequestBody.fromBytes(bytes(999)));

        assertProblem(complete(token, ticket.get("upload_id").asText(), List.of()), 400, "upload-mismatch");

        assertEquals(List.of(), stack.objectsOf(user));
        assertEquals(List.of(), stack.itemsOf(user));
    }

    @Test
    void partsThatAreNotTheUploadedOnesAreRefusedNamingThePart() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(16 * MIB + 7);
        JsonNode ticket = start(token, data, false).json();
        String id = ticket.get("upload_id").asText();
        List<Map<String, Object>> tags = putAll(ticket, data, 1, 2, 3);

        Http.Response missing = complete(token, id, tags.subList(0, 2));
        Http.Response wrongEtag = complete(token, id, List.of(tags.get(0), tag(2, (String) tags.get(0).get("etag")), tags.get(2)));
        Http.Response twice = complete(token, id, List.of(tags.get(0), tags.get(0), tags.get(1), tags.get(2)));

        assertProblem(missing, 400, "invalid-parts");
        assertTrue(missing.json().get("detail").asText().contains("part 3 is missing"), missing.body());
        assertProblem(wrongEtag, 400, "invalid-parts");
        assertTrue(wrongEtag.json().get("detail").asText().contains("part 2"), wrongEtag.body());
        assertProblem(twice, 400, "invalid-parts");
        assertEquals(List.of(), stack.objectsOf(user), "nothing assembled");
        assertEquals(201, complete(token, id, tags).status());
    }

    @Test
    void requestsOutsideTheLimitsAreRefusedWithTheirProblems() {
        String token = stack.tokenFor(ApiTestStack.newUser());

        assertProblem(Http.postJson(stack.uri("/uploads"), token, startBody("big.bin", MAX_FILE + 1, null)), 413,
                "payload-too-large");
        assertProblem(Http.postJson(stack.uri("/uploads"), token, startBody("zero.bin", 0, null)), 400, "invalid-field");
        assertProblem(Http.postJson(stack.uri("/uploads"), token, "{\"file_name\":\"a.bin\",\"size\":5,\"sha256\":\"xyz\"}"),
                400, "invalid-field");
        assertProblem(Http.postJson(stack.uri("/uploads"), token, "{\"file_name\":"), 400, "malformed-json");
        assertProblem(Http.postJson(stack.uri("/uploads"), token, startBody("../a.bin", 5, null)), 400, "invalid-file-name");
        assertProblem(Http.postJson(stack.uri("/uploads"), null, startBody("a.bin", 5, null)), 401, "unauthorized");
        assertProblem(Http.get(stack.uri("/uploads/no-such-upload"), token), 404, "not-found");
    }

    @Test
    void aUserWithAsManyUploadsOpenAsAllowedMustFinishOneFirst() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < MAX_OPEN; i++) {
            open.add(start(token, bytes(10), false).json().get("upload_id").asText());
        }

        Http.Response refused = start(token, bytes(16 * MIB + 1), false);
        int stored = stack.itemsOf(user).size();
        Http.delete(stack.uri("/uploads/" + open.getFirst()), token);

        assertProblem(refused, 429, "too-many-uploads");
        assertEquals("60", refused.header("Retry-After"));
        assertEquals(MAX_OPEN, stored, "the refused upload stored nothing");
        assertEquals(201, start(token, bytes(10), false).status());
    }

    @Test
    void anExpiredUploadCanNeitherBeResumedNorCompleted() {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        byte[] data = bytes(1000);
        JsonNode ticket = start(token, data, false).json();
        String id = ticket.get("upload_id").asText();
        List<Map<String, Object>> tags = putAll(ticket, data, 1);

        Instant started = clock.instant();
        clock.advance(Duration.ofHours(24));
        Http.Response status = Http.get(stack.uri("/uploads/" + id), token);
        Http.Response completed = complete(token, id, tags);
        clock.moveTo(started);

        assertProblem(status, 410, "upload-expired");
        assertProblem(completed, 410, "upload-expired");
        assertEquals(0, Http.get(stack.uri("/files"), token).json().get("items").size());
    }
}
