package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filepipe.testsupport.Await;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it, {@code java -jar local/target/filepipe-local.jar}, with the
 * jar's own log configuration: what {@code up} and {@code demo} print, and what an older Java says.
 */
class LocalJarIT {

    private static final Path JAR = Path.of("target", "filepipe-local.jar").toAbsolutePath();
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    private static final Duration START = Duration.ofSeconds(90);

    private static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** A process of the jar; its standard output and error go to {@code <name>.out} and {@code <name>.err} in {@code logs}. */
    private static Process jar(Path logs, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".err").toFile())
                .start();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void upPrintsOneShortLineForEachRequestNoJaxbWarningAndRefusesASecondUpOnItsDirectory(@TempDir Path tmp)
            throws Exception {
        Path dir = tmp.resolve("data");
        Process up = jar(tmp, "up", "up", "--port", "0", "--data-dir", dir.toString());
        try (HttpClient http = HttpClient.newHttpClient()) {
            StackFile stack = Await.until("the stack up (see " + tmp + ")", START, () -> {
                if (!up.isAlive()) {
                    throw new AssertionError("up died: " + read(tmp.resolve("up.err")));
                }
                return Files.exists(StackFile.path(dir)) ? StackFile.read(dir) : null;
            }, written -> written != null && written.pid() == up.pid());

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(stack.api().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            String line = Await.until("the request's line on the console", Duration.ofSeconds(30),
                    () -> read(tmp.resolve("up.out")).lines().filter(l -> l.contains(" GET /health ")).findFirst()
                            .orElse(null), found -> found != null);
            assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} GET /health 200 [0-9.]+ ms \\(request [-0-9a-f]+\\)"), line);

            Process second = jar(tmp, "second", "up", "--port", "0", "--data-dir", dir.toString());
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second up returned");
            assertEquals(1, second.exitValue());
            assertEquals("filepipe-local: data dir " + dir + " in use by PID " + up.pid()
                    + " (stop it first, or choose another directory with --data-dir)\n", read(tmp.resolve("second.err")));
            assertEquals(up.pid(), StackFile.read(dir).pid(), "the running stack's file is left alone");

            String console = read(tmp.resolve("up.out")) + read(tmp.resolve("up.err"));
            assertFalse(console.contains("JAXB"), console);
        } finally {
            up.destroy();
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up stopped on SIGTERM");
        }
        assertFalse(Files.exists(StackFile.path(dir)), "stack.json is removed at stop");
    }

    @Test
    void theDemoPrintsItsTableAndNoLogLines(@TempDir Path tmp) throws Exception {
        Process demo = jar(tmp, "demo", "demo", "--data-dir", tmp.resolve("no-stack-here").toString());

        assertTrue(demo.waitFor(180, TimeUnit.SECONDS), "the demo finished");
        List<String> lines = read(tmp.resolve("demo.out")).lines().filter(l -> !l.isBlank()).toList();

        assertEquals(0, demo.exitValue(), String.join("\n", lines) + read(tmp.resolve("demo.err")));
        assertEquals(7, lines.size(), "the notice, the header, four rows and the verdict: " + lines);
        assertTrue(lines.getFirst().startsWith("demo: no stack running in "), lines.getFirst());
        assertTrue(lines.get(1).startsWith("file ") && lines.get(1).contains("expected"), lines.get(1));
        assertEquals("demo: every file reached the status it should", lines.getLast());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("{")), "no JSON line: " + lines);
    }

    @Test
    void anOlderJavaIsToldWhichJavaFilepipeNeeds() throws Exception {
        assumeTrue(Files.isExecutable(JAVA_17), JAVA_17 + " is not installed");
        Process old = new ProcessBuilder(JAVA_17.toString(), "-jar", JAR.toString(), "--version").start();

        assertTrue(old.waitFor(30, TimeUnit.SECONDS));
        String err = new String(old.getErrorStream().readAllBytes());

        assertEquals(1, old.exitValue());
        assertEquals("filepipe needs Java 21 or newer; found 17 at " + JAVA_17.getParent().getParent() + "\n", err);
        assertEquals("", new String(old.getInputStream().readAllBytes()));
    }

    @Test
    void theLauncherHandsTheCommandLineToTheCliOnANewEnoughJava() throws Exception {
        Process current = new ProcessBuilder(java(), "-jar", JAR.toString(), "--version").start();

        assertTrue(current.waitFor(30, TimeUnit.SECONDS));

        assertEquals(0, current.exitValue());
        assertEquals("filepipe-local " + CommandLine.version() + "\n", new String(current.getInputStream().readAllBytes()));
    }
}
