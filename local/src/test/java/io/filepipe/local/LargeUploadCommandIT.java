package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.local.upload.PartPlan;
import io.filepipe.local.upload.ResumeState;
import io.filepipe.local.upload.UploadClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code upload} command's presigned path (contract13: {@code POST /uploads}, parts straight to
 * the local S3 server, {@code complete}) against a running local stack: one part, several parts in
 * parallel, and a resume after the client was dropped halfway.
 */
class LargeUploadCommandIT {

    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path dir;
    private static DevStack stack;

    @BeforeAll
    static void start() {
        stack = DevStack.start(new StackOptions(dir.resolve("stack"), "127.0.0.1", 0, true, 0.001));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String dataDir() {
        return stack.options().dataDir().toString();
    }

    private static void assertProcessedWithTheSameBytes(UploadRun run, Path file) throws Exception {
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("upload: PROCESSED"), run.out());
        assertEquals(UploadRun.sha256(file),
                UploadRun.downloadedSha256(stack.apiUrl(), stack.issuer().idToken("dev"), run.fileId()));
    }

    @Test
    void aFileOverTheThresholdButUnderOnePartGoesAsOnePresignedPut() throws Exception {
        Path file = UploadRun.textFile(dir, "single.txt", 3 * MIB);

        UploadRun run = UploadRun.of(file.toString(), "--comment", "one part", "--data-dir", dataDir());

        assertTrue(run.out().contains("1 part(s) of 8.0 MiB straight to S3"), run.out());
        assertProcessedWithTheSameBytes(run, file);
    }

    @Test
    void aFileOfThreePartsIsSentInParallelAndAssembledInOrder() throws Exception {
        Path file = UploadRun.textFile(dir, "multi.txt", 17 * MIB);

        UploadRun run = UploadRun.of(file.toString(), "--data-dir", dataDir(), "--parallel", "3");

        assertTrue(run.out().contains("3 part(s) of 8.0 MiB straight to S3, 3 at a time"), run.out());
        assertProcessedWithTheSameBytes(run, file);
        assertFalse(Files.exists(ResumeState.location(stack.options().dataDir(), file)), "the resume state is removed");
    }

    @Test
    void aRerunAfterTheClientWasDroppedSendsOnlyTheMissingParts() throws Exception {
        Path file = UploadRun.textFile(dir, "resumed.txt", 17 * MIB);
        long size = Files.size(file);
        String token = stack.issuer().idToken("dev");
        Path state = ResumeState.location(stack.options().dataDir(), file);
        // the first run: the upload is opened and remembered, part 2 reaches S3, then the client is gone
        try (UploadClient first = new UploadClient(stack.apiUrl(), token)) {
            UploadClient.Session session = first.open("resumed.txt", null, size, UploadRun.sha256(file));
            new ResumeState(stack.apiUrl().toString(), session.uploadId(), session.fileId(), UploadRun.sha256(file))
                    .save(state);
            UploadClient.PartUrl second = session.missing().stream().filter(p -> p.number() == 2).findFirst()
                    .orElseThrow();
            first.putPart(session, second, file, new PartPlan(size, session.partSize()), n -> { });
        }

        UploadRun run = UploadRun.of(file.toString(), "--data-dir", dataDir());

        assertTrue(run.out().contains("resuming upload") && run.out().contains("1 of 3 part(s) are in S3 already"),
                run.out());
        assertProcessedWithTheSameBytes(run, file);
        assertFalse(Files.exists(state), "the resume state is removed");
    }
}
