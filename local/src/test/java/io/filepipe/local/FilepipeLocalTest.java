package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI prints and the status it exits with, for help, version and command lines it refuses. */
class FilepipeLocalTest {

    /** The exit status and what went to standard output and standard error. */
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FilepipeLocal.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsOnStandardOutputAndExitsZero() throws Exception {
        Outcome outcome = run("--help");

        assertEquals(0, outcome.status());
        assertEquals(CommandLine.help(), outcome.out());
        assertEquals("", outcome.err());
    }

    @Test
    void aCommandsHelpListsItsOptionsAndExitsZero() throws Exception {
        Outcome outcome = run("reconcile", "--help");

        assertEquals(0, outcome.status());
        assertEquals(CommandLine.help(CommandLine.Command.RECONCILE), outcome.out());
    }

    @Test
    void versionPrintsTheProgramAndItsVersionAndExitsZero() throws Exception {
        Outcome outcome = run("--version");

        assertEquals(0, outcome.status());
        assertEquals("filepipe-local " + CommandLine.version() + System.lineSeparator(), outcome.out());
    }

    @Test
    void anOptionTheCommandDoesNotTakeIsOneLineOnStandardErrorAndExitStatusTwo() throws Exception {
        Outcome outcome = run("demo", "--port", "8080");

        assertEquals(2, outcome.status());
        assertEquals("", outcome.out());
        assertEquals("filepipe-local: demo: unknown option '--port' (demo takes [--data-dir D])" + System.lineSeparator(),
                outcome.err());
    }

    @Test
    void aMalformedPortIsRefusedWithExitStatusTwo() throws Exception {
        Outcome outcome = run("backends", "--issuer-port", "ninety");

        assertEquals(2, outcome.status());
        assertTrue(outcome.err().startsWith("filepipe-local: backends: --issuer-port needs a port number"), outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    @Test
    void aWebhookThatIsNotAnHttpUrlIsRefusedWithExitStatusTwoBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Outcome outcome = run("up", "--data-dir", dir.toString(), "--webhook", "ftp://example.com/hook");

        assertEquals(2, outcome.status());
        assertEquals("filepipe-local: --webhook needs an http(s) URL, not 'ftp://example.com/hook'"
                + System.lineSeparator(), outcome.err());
        assertFalse(Files.exists(dir.resolve("events")));
    }

    @Test
    void upOnABusyPortSaysSoInOneLineNamingPortAndReturnsStatusOneHavingStoppedWhatItStarted(@TempDir Path dir)
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());

            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> run("up", "--port", port, "--data-dir", dir.toString()));

            assertEquals(1, outcome.status());
            assertEquals("filepipe-local: the API's port " + port + " on 127.0.0.1 is in use; choose another with --port"
                    + " (--port 0 picks a free one)" + System.lineSeparator(), outcome.err());
            assertFalse(Files.exists(StackFile.path(dir)));
            DataDirLock.acquire(dir).close(); // the data directory is free again
        }
    }

    @Test
    void noArgumentsAtAllExitWithStatusTwo() throws Exception {
        Outcome outcome = run();

        assertEquals(2, outcome.status());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    @Test
    void uploadOfAFileThatIsNotThereSaysSoAndExitsOne(@TempDir Path dir) throws Exception {
        Outcome outcome = run("upload", dir.resolve("missing.mp4").toString(), "--data-dir", dir.toString());

        assertEquals(1, outcome.status());
        assertEquals("filepipe-local upload: " + dir.resolve("missing.mp4") + " is not a readable file: check the path\n",
                outcome.err());
    }

    @Test
    void uploadWithoutARunningStackSaysHowToStartOneOrUseADeployedApi(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");

        Outcome outcome = run("upload", file.toString(), "--data-dir", dir.resolve("empty").toString());

        assertEquals(1, outcome.status());
        assertTrue(outcome.err().contains("no stack running in") && outcome.err().contains("filepipe-local.jar up")
                && outcome.err().contains("--api URL --token T"), outcome.err());
    }

    @Test
    void uploadWithAnApiButNoTokenIsACommandLineItCannotRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");

        Outcome outcome = run("upload", file.toString(), "--api", "https://api.example");

        assertEquals(2, outcome.status());
        assertTrue(outcome.err().contains("--api and --token go together"), outcome.err());
    }
}
