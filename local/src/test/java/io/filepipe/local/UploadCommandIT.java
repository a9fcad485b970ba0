package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.local.upload.UploadPath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code upload} command against a running local stack: small files, which go inline, and its errors. */
class UploadCommandIT {

    @TempDir
    static Path dir;
    private static DevStack stack;

    @BeforeAll
    static void start() {
        stack = DevStack.start(new StackOptions(dir.resolve("stack"), "127.0.0.1", 0, true, 0.001));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String dataDir() {
        return stack.options().dataDir().toString();
    }

    @Test
    void aSmallFileGoesInOneRequestIsProcessedAndItsBytesAreDownloadable() throws Exception {
        Path file = UploadRun.textFile(dir, "notes.txt", 300_000);

        UploadRun run = UploadRun.of(file.toString(), "--comment", "small", "--data-dir", dataDir());

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("in one request to " + stack.apiUrl()), run.out());
        assertTrue(run.out().contains("upload: PROCESSED"), run.out());
        assertTrue(run.out().contains("\"content_type\" : \"text/plain\""), run.out());
        String token = stack.issuer().idToken("dev");
        assertEquals(UploadRun.sha256(file), UploadRun.downloadedSha256(stack.apiUrl(), token, run.fileId()));
    }

    @Test
    void aFileOfExactlyTheThresholdStillGoesInline() throws Exception {
        Path file = Files.writeString(dir.resolve("threshold.txt"), "x".repeat((int) UploadPath.THRESHOLD_BYTES));

        UploadRun run = UploadRun.of(file.toString(), "--data-dir", dataDir(), "--no-wait");

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("(767.3 KiB) in one request"), run.out());
    }

    @Test
    void withNoWaitItReturnsOnceTheFileIsStored() throws Exception {
        Path file = UploadRun.textFile(dir, "quick.txt", 1000);

        UploadRun run = UploadRun.of(file.toString(), "--data-dir", dataDir(), "--no-wait");

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("status PENDING"), run.out());
        assertFalse(run.out().contains("PROCESSED"), run.out());
    }

    @Test
    void aDeployedApiIsReachedWithApiAndToken() throws Exception {
        Path file = UploadRun.textFile(dir, "remote.txt", 2000);

        UploadRun run = UploadRun.of(file.toString(), "--api", stack.apiUrl().toString(), "--token",
                stack.issuer().idToken("remote"), "--data-dir", dir.resolve("nowhere").toString());

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("upload: PROCESSED"), run.out());
    }

    @Test
    void aRefusedTokenSaysToGetANewOne() throws Exception {
        Path file = UploadRun.textFile(dir, "refused.txt", 100);

        UploadRun run = UploadRun.of(file.toString(), "--api", stack.apiUrl().toString(), "--token", "not-a-token");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("answered 401") && run.err().contains("pass a fresh IdToken with --token"),
                run.err());
    }

    @Test
    void anApiThatDoesNotAnswerSaysWhatToCheck() throws Exception {
        Path file = UploadRun.textFile(dir, "unanswered.txt", 100);

        UploadRun run = UploadRun.of(file.toString(), "--api", "http://127.0.0.1:1", "--token", "t");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("http://127.0.0.1:1 does not answer") && run.err().contains("check --api"),
                run.err());
    }
}
