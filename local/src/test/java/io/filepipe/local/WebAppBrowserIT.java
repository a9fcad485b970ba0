package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.filepipe.testsupport.ChildProcesses;
import io.filepipe.testsupport.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app in a real browser against a real local stack: {@code web/e2e/app.e2e.mjs} drives
 * Debian's Chromium with playwright-core (sign in, a PNG and a 20 MB file to PROCESSED with the
 * PNG's thumbnail shown and the upload rows following them, a ZIP named .jpg REJECTED with its reason,
 * a file over the limit refused without Resume, a cut part resumed, a file dropped on the drop zone,
 * 390 px, the Tab order, Esc, download, delete, sign out) and saves screenshots under
 * {@code target/screenshots/}.
 * Without Chromium the test is skipped with a loud message, and fails under {@code CI=true}
 * ({@code .ci/run} installs it).
 */
class WebAppBrowserIT {

    private static final long MIB = 1024 * 1024;
    /** Lower than the API's 5 GiB, so that a file over it fits in a test. */
    private static final long LARGE_FILE_LIMIT = 24 * MIB;
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path WEB = Path.of(System.getProperty("filepipe.web.dir", "../web")).toAbsolutePath().normalize();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);

    @TempDir
    Path dir;

    @Test
    void aUserSignsInUploadsWatchesProcessingDownloadsDeletesAndSignsOutInChromium() throws Exception {
        requireChromium();
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.write(files.resolve("picture.png"), TestImages.png(640, 480));
        Files.write(files.resolve("archive.jpg"), TestImages.zip());
        text(files.resolve("big.txt"), 20_000_000);
        text(files.resolve("too-big.txt"), LARGE_FILE_LIMIT + 1);
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
        Path output = dir.resolve("e2e.log");

        StackOptions options = new StackOptions(dir.resolve("stack"), "127.0.0.1", 0, true, 0.001)
                .withMaxLargeFileBytes(LARGE_FILE_LIMIT);
        try (DevStack stack = DevStack.start(options)) {
            Process e2e = ChildProcesses.start(List.of(node(), "e2e/app.e2e.mjs"),
                    Map.of("FILEPIPE_URL", stack.apiUrl().toString(), "FILES", files.toString(),
                            "SCREENSHOTS", screenshots.toString(), "CHROMIUM", CHROMIUM.toString(),
                            "PATH", System.getenv("PATH"), "HOME", System.getProperty("java.io.tmpdir")),
                    WEB, output);
            boolean ended = e2e.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                ChildProcesses.stop(e2e, Duration.ofSeconds(5));
            }
            String log = Files.readString(output);
            System.out.println(log);
            assertTrue(ended, "the browser test did not end within " + RUN_LIMIT + ":\n" + log);
            assertEquals(0, e2e.exitValue(), log);
        }
        assertTrue(Files.size(screenshots.resolve("web-app.png")) > 0);
    }

    /** A text file of exactly {@code size} bytes (text, so that it is PROCESSED whatever its size). */
    private static void text(Path file, long size) throws IOException {
        byte[] line = "filepipe carries this line into the browser test again and again\n".getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += line.length) {
                out.write(line, 0, (int) Math.min(line.length, size - written));
            }
        }
    }

    /** The Node.js the web module's build fetched, or (where it fetches none) the one on PATH. */
    private static String node() {
        Path pinned = WEB.resolve("target/node/package/bin/node");
        return Files.isExecutable(pinned) ? pinned.toString() : "node";
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String message = "Chromium is not at " + CHROMIUM + ": the web app's browser test did NOT run "
                + "(apt-get install chromium, or set CHROMIUM to its path; .ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println("\n!!!!!!!!!! " + message + " !!!!!!!!!!\n");
        Assumptions.abort(message);
    }
}
