package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.testsupport.ApiClient;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs} on the lines a running local stack wrote: one processed and one rejected upload by alice. */
class LogsCommandIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static DevStack stack;
    private static ApiClient alice;
    /** The user id the stack gives alice: her token's {@code sub}. */
    private static String aliceId;
    private static String processed;
    private static String rejected;

    @BeforeAll
    static void uploadTwoFiles() throws Exception {
        stack = DevStack.start(new StackOptions(dir, "127.0.0.1", 0, false, 0.001));
        String token = stack.issuer().idToken("alice");
        alice = new ApiClient(stack.apiUrl(), token);
        aliceId = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
        processed = upload("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        rejected = upload("holiday.jpg", TestImages.zip());
        awaitLines(lines -> lines.stream().filter(line -> line.contains("\"POST\"")).count() == 2
                && lines.stream().anyMatch(line -> line.contains(processed) && line.contains("file result"))
                && lines.stream().anyMatch(line -> line.contains(rejected) && line.contains("file result")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String upload(String name, byte[] data) {
        Http.Response response = alice.upload(name, data);
        assertEquals(201, response.status(), response.body());
        return response.json().path("file_id").asText();
    }

    /** Waits, on the files' change events, until the stack's log files hold lines that satisfy {@code done}. */
    private static void awaitLines(Predicate<List<String>> done) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (LogTail tail = LogTail.open(dir.resolve("logs"), List.of(LogsCommand.RESULTS, LogsCommand.REQUESTS))) {
            Future<?> seen = reader.submit(() -> {
                List<String> lines = new ArrayList<>(tail.read());
                while (!done.test(lines)) {
                    lines.addAll(tail.awaitMore());
                }
                return null;
            });
            seen.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
    }

    private static List<String> logs(Optional<String> fileId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, LogsCommand.run(dir, false, fileId, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static boolean row(List<String> table, String... cells) {
        return table.stream().anyMatch(line -> List.of(line.split(" {2,}")).containsAll(List.of(cells)));
    }

    @Test
    void theTableShowsEachFilesResultAndEachUploadRequest() throws IOException {
        List<String> table = logs(Optional.empty());

        assertEquals(LogsCommand.HEADER, table.getFirst());
        assertTrue(row(table, processed, aliceId, "PROCESSED"), String.join("\n", table));
        assertTrue(row(table, rejected, aliceId, "REJECTED", "CONTENT_MISMATCH"), String.join("\n", table));
        assertEquals(2, table.stream().filter(line -> row(List.of(line), aliceId, "201", "POST /upload")).count(),
                String.join("\n", table));
    }

    @Test
    void theRequestLinesGoToAFileOnlyTheOwnerReads() throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("logs").resolve(LogsCommand.REQUESTS))));
    }

    @Test
    void aFilesStoryHasItsLinesAndNoOtherFilesLines() throws Exception {
        assertEquals(200, alice.file(processed).status());
        awaitLines(lines -> lines.stream().anyMatch(line -> line.contains("\"/files/" + processed + "\"")));

        List<String> table = logs(Optional.of(processed));

        assertTrue(row(table, processed, aliceId, "PROCESSED"), String.join("\n", table));
        assertTrue(row(table, aliceId, "200", "GET /files/" + processed), String.join("\n", table));
        assertTrue(table.stream().noneMatch(line -> line.contains(rejected)), String.join("\n", table));
        assertTrue(table.stream().skip(1).allMatch(line -> line.contains(processed)), String.join("\n", table));
    }

    @Test
    void followPrintsALineWrittenAfterItStarted() throws Exception {
        Printed printed = new Printed();
        int[] status = {-1};
        Thread follower = Thread.ofPlatform().start(() -> {
            try {
                status[0] = LogsCommand.run(dir, true, Optional.empty(), new PrintStream(printed, true,
                        StandardCharsets.UTF_8), System.err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTrue(printed.await(line -> line.contains(rejected)), printed.toString()); // the lines already there

        // bob's, so that alice's two uploads stay two whatever order the tests run in
        Http.Response response = new ApiClient(stack.apiUrl(), stack.issuer().idToken("bob"))
                .upload("later.txt", "written after logs --follow started".getBytes(StandardCharsets.UTF_8));
        String later = response.json().path("file_id").asText();

        assertTrue(printed.await(line -> line.contains(later) && line.contains("PROCESSED")), printed.toString());
        follower.interrupt();
        follower.join(DEADLINE.toMillis());
        assertFalse(follower.isAlive());
        assertEquals(0, status[0]);
    }

    @Test
    void anInterruptWhileALogFileIsReadEndsFollowLikeAnyOtherInterrupt() throws Exception {
        int[] status = {-1};
        Thread follower = Thread.ofPlatform().unstarted(() -> {
            Thread.currentThread().interrupt(); // lands on the first read of a log file: its channel closes
            try {
                status[0] = LogsCommand.run(dir, true, Optional.empty(), new PrintStream(OutputStream.nullOutputStream(),
                        true, StandardCharsets.UTF_8), System.err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        follower.start();
        follower.join(DEADLINE.toMillis());

        assertFalse(follower.isAlive());
        assertEquals(0, status[0]);
    }

    /** What a command prints (ASCII), and a wait, woken by each write, for a line it has not printed yet. */
    private static final class Printed extends OutputStream {

        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            text.append((char) b);
            notifyAll();
        }

        synchronized boolean await(Predicate<String> line) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (text.toString().lines().noneMatch(line)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }
}
