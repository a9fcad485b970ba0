package io.filepipe.api;

import static io.filepipe.api.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.api.support.ApiTestStack;
import io.filepipe.core.FileId;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.ShareId;
import io.filepipe.core.UserId;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.StatusTransition;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.CapturedLogs;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Share links through HTTP on DynamoDB Local and the S3 server: created by the owner, opened by
 * anyone without a token, expired by the API's clock, revoked, dead with their file. Processing is
 * not part of this API: a test finishes a file in the table the way the processor does.
 */
class ShareLinksIT {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final int MAX_LIVE_SHARES = 4;

    private static ManualClock clock;
    private static ApiTestStack stack;
    private static DynamoDbFileStore files;

    @BeforeAll
    static void start() {
        clock = new ManualClock(START);
        stack = ApiTestStack.withClock(clock, Map.of(ApiConfig.MAX_LIVE_SHARES, Integer.toString(MAX_LIVE_SHARES)));
        files = new DynamoDbFileStore(stack.dynamo, stack.table, SweepShards.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private record Uploaded(String user, String token, String fileId, byte[] data) {
    }

    private static Uploaded upload(String name, byte[] data) {
        String user = ApiTestStack.newUser();
        String token = stack.tokenFor(user);
        Http.Response response = Http.postJson(stack.uri("/upload"), token, Http.uploadBody(name, null, data));
        assertEquals(201, response.status(), response.body());
        return new Uploaded(user, token, response.json().get("file_id").asText(), data);
    }

    /** Ends the file as the processor would: {@code outcome}, with a result of {@code detectedType} when PROCESSED. */
    private static void finish(Uploaded file, FileStatus outcome, String detectedType, List<String> derivedKeys) {
        UserId owner = new UserId(ApiTestStack.subOf(file.user()));
        FileId id = new FileId(file.fileId());
        files.claim(owner, id, clock.instant(), clock.instant());
        ProcessingResult result = outcome == FileStatus.PROCESSED
                ? new ProcessingResult(detectedType, null, null, derivedKeys, 1, false) : null;
        files.transition(StatusTransition.finish(owner, id, 1, outcome, clock.instant(), result, null));
    }

    /** A JPEG finished PROCESSED with {@code thumb} as its 512 px thumbnail, as the processor leaves one. */
    private static Uploaded processedImageWithThumbnail(String name, byte[] thumb) {
        Uploaded image = upload(name, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 9});
        String thumbKey = KeyScheme.derivedPrefix(new UserId(ApiTestStack.subOf(image.user())),
                new FileId(image.fileId())) + "thumb-512.jpg";
        stack.s3.putObject(r -> r.bucket(stack.bucket).key(thumbKey).contentType("image/jpeg"), RequestBody.fromBytes(thumb));
        finish(image, FileStatus.PROCESSED, "image/jpeg", List.of(thumbKey));
        return image;
    }

    private static Uploaded processed(String name, String text, String detectedType) {
        Uploaded file = upload(name, text.getBytes(StandardCharsets.UTF_8));
        finish(file, FileStatus.PROCESSED, detectedType, List.of());
        return file;
    }

    private static Http.Response share(Uploaded file, String body) {
        return Http.postJson(stack.uri("/files/" + file.fileId() + "/shares"), file.token(), body);
    }

    private static String shareId(Uploaded file) {
        Http.Response created = share(file, "{}");
        assertEquals(201, created.status(), created.body());
        return created.json().get("share_id").asText();
    }

    private static Http.Response open(String shareIdAndQuery) {
        return Http.get(stack.uri("/s/" + shareIdAndQuery), null);
    }

    private static Http.Response follow(Http.Response redirect) {
        assertEquals(302, redirect.status(), redirect.body());
        return Http.get(URI.create(redirect.header("Location")), null);
    }

    /** A problem body without the fields that name the request ({@code instance}, {@code request_id}). */
    private static JsonNode problemWithoutRequest(Http.Response response) {
        ObjectNode body = (ObjectNode) response.json();
        body.remove("instance");
        body.remove("request_id");
        return body;
    }

    @Test
    void aSharedFileOpensWithoutATokenAndGivesTheSameBytes() {
        Uploaded file = upload("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        finish(file, FileStatus.PROCESSED, "image/png", List.of());

        Http.Response created = share(file, "{\"expires_in_seconds\":3600}");

        assertEquals(201, created.status(), created.body());
        String id = created.json().get("share_id").asText();
        assertEquals(stack.uri("/s/" + id).toString(), created.json().get("url").asText());
        assertEquals(START.plusSeconds(3600).toString(), created.json().get("expires_at").asText());
        Http.Response redirect = open(id);
        assertEquals("no-store", redirect.header("Cache-Control"));
        Http.Response download = follow(redirect);
        assertEquals(200, download.status());
        assertArrayEquals(file.data(), download.bytes());
        assertEquals("image/png", download.header("Content-Type"));
        assertTrue(download.header("Content-Disposition").startsWith("inline;"), download.header("Content-Disposition"));
    }

    @Test
    void anHtmlFileIsDownloadedAsAnOctetStreamAttachmentNeverAsHtml() {
        Uploaded file = processed("page.html", "<html><script>alert(document.cookie)</script></html>", "text/plain");

        Http.Response download = follow(open(shareId(file)));

        assertEquals(200, download.status());
        assertEquals("application/octet-stream", download.header("Content-Type"));
        assertEquals("attachment; filename=\"page.html\"; filename*=UTF-8''page.html",
                download.header("Content-Disposition"));
    }

    @Test
    void theThumbVariantOpensThe512PixelThumbnailAndIsNotFoundWithoutOne() {
        byte[] thumb = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 5};
        Uploaded image = processedImageWithThumbnail("big.jpg", thumb);
        Uploaded text = processed("notes.txt", "just text", "text/plain");

        Http.Response download = follow(open(shareId(image) + "?variant=thumb"));

        assertArrayEquals(thumb, download.bytes());
        assertEquals("image/jpeg", download.header("Content-Type"));
        assertProblem(open(shareId(text) + "?variant=thumb"), 404, "not-found");
        assertProblem(open(shareId(text) + "?variant=huge"), 400, "invalid-parameter");
    }

    @Test
    void theOwnerOpensTheThumbnailOfTheirOwnImageWithoutALinkAndNotOfAFileWithoutOne() {
        byte[] thumb = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 7};
        Uploaded image = processedImageWithThumbnail("mine.jpg", thumb);
        Uploaded text = processed("plain.txt", "just text", "text/plain");

        Http.Response download = follow(Http.get(stack.uri("/files/" + image.fileId() + "/content?variant=thumb"), image.token()));

        assertArrayEquals(thumb, download.bytes());
        assertEquals("image/jpeg", download.header("Content-Type"));
        assertProblem(Http.get(stack.uri("/files/" + text.fileId() + "/content?variant=thumb"), text.token()), 404, "not-found");
        assertProblem(Http.get(stack.uri("/files/" + image.fileId() + "/content?variant=thumb"), text.token()), 404, "not-found");
        assertProblem(Http.get(stack.uri("/files/" + image.fileId() + "/content?variant=huge"), image.token()), 400,
                "invalid-parameter");
    }

    @Test
    void aLinkExpiresByTheApisClock() {
        Uploaded file = processed("soon.txt", "soon gone", "text/plain");
        Http.Response created = share(file, "{\"expires_in_seconds\":60}");
        String id = created.json().get("share_id").asText();

        assertEquals(302, open(id).status());
        clock.advance(Duration.ofSeconds(60));
        try {
            assertProblem(open(id), 410, "share-expired");
            assertEquals(0, Http.get(stack.uri("/files/" + file.fileId() + "/shares"), file.token())
                    .json().get("shares").size());
        } finally {
            clock.moveTo(START);
        }
    }

    @Test
    void aRevokedLinkAnswersGoneAndLeavesTheList() {
        Uploaded file = processed("revoked.txt", "revoked", "text/plain");
        String kept = shareId(file);
        String revoked = shareId(file);

        Http.Response revocation = Http.delete(stack.uri("/files/" + file.fileId() + "/shares/" + revoked), file.token());

        assertEquals(204, revocation.status(), revocation.body());
        assertProblem(open(revoked), 410, "share-expired");
        assertEquals(302, open(kept).status());
        JsonNode listed = Http.get(stack.uri("/files/" + file.fileId() + "/shares"), file.token()).json().get("shares");
        assertEquals(1, listed.size());
        Http.Response byRef = Http.delete(stack.uri("/files/" + file.fileId() + "/shares/"
                + listed.get(0).get("share_ref").asText()), file.token());
        assertEquals(204, byRef.status(), byRef.body());
        assertProblem(open(kept), 410, "share-expired");
    }

    @Test
    void deletingTheFileKillsItsLinksAndTheyLookLikeIdsNeverIssued() {
        Uploaded file = processed("deleted.txt", "deleted", "text/plain");
        String live = shareId(file);
        String revoked = shareId(file);
        assertEquals(204, Http.delete(stack.uri("/files/" + file.fileId() + "/shares/" + revoked), file.token()).status());

        assertEquals(204, Http.delete(stack.uri("/files/" + file.fileId()), file.token()).status());

        Http.Response unknown = open("AAAAAAAAAAAAAAAAAAAAAA");
        Http.Response malformed = open("not-a-share-id");
        assertProblem(unknown, 404, "not-found");
        for (Http.Response probe : List.of(open(live), open(revoked), malformed)) {
            assertProblem(probe, 404, "not-found");
            assertEquals(problemWithoutRequest(unknown), problemWithoutRequest(probe));
        }
        assertEquals(List.of(), stack.itemsOf(file.user()));
    }

    @Test
    void anotherUsersFileCannotBeSharedListedOrRevoked() {
        Uploaded file = processed("mine.txt", "mine", "text/plain");
        String id = shareId(file);
        String stranger = stack.tokenFor(ApiTestStack.newUser());
        URI shares = stack.uri("/files/" + file.fileId() + "/shares");

        assertProblem(Http.postJson(shares, stranger, "{}"), 404, "not-found");
        assertProblem(Http.get(shares, stranger), 404, "not-found");
        assertProblem(Http.delete(stack.uri("/files/" + file.fileId() + "/shares/" + id), stranger), 404, "not-found");
        assertEquals(302, open(id).status());
    }

    @Test
    void onlyAProcessedFileCanBeSharedAndARefusalStoresNothing() {
        Uploaded rejected = upload("fake.jpg", "not a jpeg".getBytes(StandardCharsets.UTF_8));
        finish(rejected, FileStatus.REJECTED, null, List.of());
        Uploaded pending = upload("waiting.txt", "waiting".getBytes(StandardCharsets.UTF_8));

        assertProblem(share(rejected, "{}"), 409, "file-not-shareable");
        assertProblem(share(pending, "{}"), 409, "file-not-shareable");

        for (Uploaded file : List.of(rejected, pending)) {
            assertEquals(1, stack.itemsOf(file.user()).size(), "only the file item");
        }
    }

    @Test
    void theShareRoutesNeedATokenButTheLinkDoesNot() {
        Uploaded file = processed("token.txt", "token", "text/plain");
        URI shares = stack.uri("/files/" + file.fileId() + "/shares");

        assertProblem(Http.postJson(shares, null, "{}"), 401, "unauthorized");
        assertProblem(Http.get(shares, null), 401, "unauthorized");
        String id = shareId(file);
        Http.Response opened = Http.send(Http.request(stack.uri("/s/" + id), "not-a-token").GET());
        assertEquals(302, opened.status(), "a token, even a bad one, is not looked at");
        assertNull(opened.header("WWW-Authenticate"));
    }

    @Test
    void aLifetimeOutsideTheRangeIsAnInvalidField() {
        Uploaded file = processed("range.txt", "range", "text/plain");

        assertProblem(share(file, "{\"expires_in_seconds\":59}"), 400, "invalid-field");
        assertProblem(share(file, "{\"expires_in_seconds\":604801}"), 400, "invalid-field");
        assertProblem(share(file, "{\"expires_in_seconds\":\"3600\"}"), 400, "invalid-field");
        assertProblem(share(file, "[1]"), 400, "malformed-json");
        assertEquals(1, stack.itemsOf(file.user()).size(), "only the file item");
    }

    @Test
    void theCapOnLiveLinksIsTooManyShares() {
        Uploaded file = processed("popular.txt", "popular", "text/plain");
        for (int i = 0; i < MAX_LIVE_SHARES; i++) {
            shareId(file);
        }

        assertProblem(share(file, "{}"), 429, "too-many-shares");
    }

    @Test
    void theLogsNameALinkByItsReferenceNeverByItsId() throws Exception {
        Uploaded file = processed("logged.txt", "logged", "text/plain");
        String id = shareId(file);
        String ref = ShareId.parse(id).orElseThrow().hash();

        try (CapturedLogs logs = CapturedLogs.start("console", JsonLogs.ACCESS_LOGGER)) {
            assertEquals(302, open(id).status());
            assertEquals(204, Http.delete(stack.uri("/files/" + file.fileId() + "/shares/" + id), file.token()).status());
            List<JsonNode> lines = Await.until("both access lines", Duration.ofSeconds(10), logs::all,
                    all -> all.size() >= 2);

            assertEquals(Set.of("/s/" + ref, "/files/" + file.fileId() + "/shares/" + ref),
                    lines.stream().map(line -> line.path("path").asText()).collect(Collectors.toSet()));
            assertFalse(lines.toString().contains(id), lines.toString());
        }
    }
}
