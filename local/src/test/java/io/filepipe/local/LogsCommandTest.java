package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table {@code logs} prints, and the reading of lines that are still being written. */
class LogsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = """
            {"timestamp":"2026-11-30T20:38:08.776Z","level":"INFO","logger":"filepipe.result","message":"file result",\
            "fileId":"01M8Q2VRJ208063ZWMDJ3HMMEV","userId":"user-039a13c2","attempt":1,"bytes":149,\
            "contentType":"application/zip","durationMs":27,"reason":"CONTENT_MISMATCH","status":"REJECTED"}""";
    private static final String REQUEST = """
            {"timestamp":"2026-11-30T20:38:08.699Z","level":"INFO","logger":"filepipe.access","message":"request",\
            "method":"POST","path":"/upload","requestId":"r-1","route":"/upload","status":413,"latencyMs":3.25,\
            "userId":"alice","problem":"https://filepipe.dev/problems/file-too-large"}""";

    private static JsonNode json(String line) throws IOException {
        return JSON.readTree(line);
    }

    @Test
    void aResultLineShowsItsFileUserStatusReasonAndDuration() throws IOException {
        assertEquals(Optional.of("2026-11-30T20:38:08.776Z  01M8Q2VRJ208063ZWMDJ3HMMEV  user-039a13c2" + " ".repeat(25) + "REJECTED   "
                + "CONTENT_MISMATCH                                27"), LogsCommand.row(json(RESULT)));
    }

    @Test
    void aRequestLineShowsItsUserStatusMethodPathProblemAndLatency() throws IOException {
        assertEquals(Optional.of("2026-11-30T20:38:08.699Z  " + " ".repeat(26) + "  alice" + " ".repeat(33) + "413        "
                + "POST /upload https://filepipe.dev/problems/file-too-large      3.25"), LogsCommand.row(json(REQUEST)));
    }

    @Test
    void linesOfOtherLoggersAreNotRows() throws IOException {
        assertEquals(Optional.empty(), LogsCommand.row(json("{\"logger\":\"io.filepipe.api.Main\",\"message\":\"started\"}")));
    }

    @Test
    void theTableIsOldestFirstAcrossBothFilesUnderOneHeader(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs").resolve(LogsCommand.RESULTS), RESULT + "\n");
        Files.writeString(dir.resolve("logs").resolve(LogsCommand.REQUESTS), REQUEST + "\nnot json\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = LogsCommand.run(dir, false, Optional.empty(), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertEquals(0, status);
        assertEquals(List.of(LogsCommand.HEADER, LogsCommand.row(json(REQUEST)).orElseThrow(),
                LogsCommand.row(json(RESULT)).orElseThrow()), out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aDirectoryWithoutLogsIsAnError(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = LogsCommand.run(dir, false, Optional.empty(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, status);
        assertEquals("filepipe-local: no logs in " + dir + " (a stack started with up writes them)\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLineIsReadOnceItsNewlineIsWrittenAndOnlyOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.log");
        try (LogTail tail = LogTail.open(dir, List.of("a.log", "b.log"))) {
            assertEquals(List.of(), tail.read());
            Files.writeString(file, "one\ntw");
            assertEquals(List.of("one"), tail.read());
            Files.writeString(file, "o\n", StandardOpenOption.APPEND);
            assertEquals(List.of("two"), tail.read());
            assertEquals(List.of(), tail.read());
        }
    }
}
