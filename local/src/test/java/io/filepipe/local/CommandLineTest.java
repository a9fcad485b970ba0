package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.local.CommandLine.Command;
import io.filepipe.local.CommandLine.Help;
import io.filepipe.local.CommandLine.Run;
import io.filepipe.local.CommandLine.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the local CLI: each command takes its own options, with the defaults the README states. */
class CommandLineTest {

    private static Run run(String... args) {
        return assertInstanceOf(Run.class, CommandLine.parse(args));
    }

    @Test
    void upTakesPortHostDataDirAndInMemory() {
        Run up = run("up", "--port", "0", "--host", "0.0.0.0", "--data-dir", "d", "--in-memory");

        assertEquals(Command.UP, up.command());
        assertEquals(0, up.port("--port"));
        assertEquals("0.0.0.0", up.text("--host"));
        assertEquals(Path.of("d").toAbsolutePath().normalize(), up.path("--data-dir"));
        assertTrue(up.isSet("--in-memory"));
    }

    @Test
    void upWithoutOptionsUsesTheDefaults() {
        Run up = run("up");

        assertEquals(8080, up.port("--port"));
        assertEquals("127.0.0.1", up.text("--host"));
        assertEquals(Path.of(".filepipe").toAbsolutePath().normalize(), up.path("--data-dir"));
        assertFalse(up.isSet("--in-memory"));
    }

    @Test
    void upTakesAnyNumberOfWebhooksInOrder() {
        assertEquals(List.of("http://a/hook", "https://b/hook"),
                run("up", "--webhook", "http://a/hook", "--port", "0", "--webhook", "https://b/hook").texts("--webhook"));
        assertEquals(List.of(), run("up").texts("--webhook"));
    }

    @Test
    void upsHelpShowsTheWebhookOptionWithoutADefault() {
        String help = CommandLine.help(Command.UP);

        assertTrue(help.contains("[--webhook URL]"), help);
        assertTrue(help.contains("POST every result event there too (repeatable)\n"), help);
    }

    @Test
    void tokenTakesAUserAndADataDirectory() {
        Run token = run("token", "--user", "alice", "--data-dir", "/tmp/stack");

        assertEquals("alice", token.text("--user"));
        assertEquals(Path.of("/tmp/stack"), token.path("--data-dir"));
        assertEquals("dev", run("token").text("--user"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reconcile", "demo"})
    void reconcileAndDemoTakeADataDirectory(String command) {
        assertEquals(Path.of("/srv/x"), run(command, "--data-dir", "/srv/x").path("--data-dir"));
        assertEquals(Path.of(".filepipe").toAbsolutePath().normalize(), run(command).path("--data-dir"));
    }

    @Test
    void backendsTakesItsPortsAndDefaultsToTheDocumentedOnes() {
        Run defaults = run("backends");
        Run chosen = run("backends", "--data-dir", "b", "--dynamodb-port", "18000", "--s3-port", "19000",
                "--issuer-port", "19100");

        assertEquals(Path.of(".filepipe-dev").toAbsolutePath().normalize(), defaults.path("--data-dir"));
        assertEquals(8000, defaults.port("--dynamodb-port"));
        assertEquals(9000, defaults.port("--s3-port"));
        assertEquals(9100, defaults.port("--issuer-port"));
        assertEquals(18000, chosen.port("--dynamodb-port"));
        assertEquals(19000, chosen.port("--s3-port"));
        assertEquals(19100, chosen.port("--issuer-port"));
        assertEquals(Path.of("b").toAbsolutePath().normalize(), chosen.path("--data-dir"));
    }

    @Test
    void uploadTakesAFileAndItsOptionsWhereverTheFileStands() {
        Run upload = run("upload", "--comment", "holiday", "video.mp4", "--api", "https://api.example",
                "--token", "T", "--no-wait", "--parallel", "8");

        assertEquals(Command.UPLOAD, upload.command());
        assertEquals(Optional.of("video.mp4"), upload.argument());
        assertEquals(Optional.of("holiday"), upload.given("--comment"));
        assertEquals(Optional.of("https://api.example"), upload.given("--api"));
        assertEquals(Optional.of("T"), upload.given("--token"));
        assertTrue(upload.isSet("--no-wait"));
        assertEquals(8, upload.positive("--parallel"));
    }

    @Test
    void uploadWithoutOptionsUsesTheStackInTheDefaultDataDirectoryFourPartsAtATime() {
        Run upload = run("upload", "photo.jpg");

        assertEquals(Optional.empty(), upload.given("--api"));
        assertEquals(Optional.empty(), upload.given("--comment"));
        assertEquals(Path.of(".filepipe").toAbsolutePath().normalize(), upload.path("--data-dir"));
        assertEquals(4, upload.positive("--parallel"));
        assertFalse(upload.isSet("--no-wait"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "four", "100000"})
    void aParallelismThatIsNotAPositiveNumberIsRefused(String parallel) {
        Run upload = run("upload", "f", "--parallel", parallel);

        UsageException refused = assertThrows(UsageException.class, () -> upload.positive("--parallel"));

        assertTrue(refused.getMessage().startsWith("upload: --parallel needs a whole number 1-9999, not '" + parallel
                + "'"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            token --port 1            | token: unknown option '--port' (token takes [--user NAME] [--data-dir D])
            demo --user x             | demo: unknown option '--user' (demo takes [--data-dir D])
            reconcile --in-memory     | reconcile: unknown option '--in-memory' (reconcile takes [--data-dir D])
            up --user x               | up: unknown option '--user' (up takes [--port P] [--host H] [--data-dir D] [--in-memory] [--webhook URL])
            backends --port 1         | backends: unknown option '--port' (backends takes [--data-dir D] [--dynamodb-port P] [--s3-port P] [--issuer-port P])
            up --port                 | up: --port needs a value (up takes [--port P] [--host H] [--data-dir D] [--in-memory] [--webhook URL])
            token --data-dir          | token: --data-dir needs a value (token takes [--user NAME] [--data-dir D])
            up --port eighty          | up: --port needs a port number 0-65535, not 'eighty' (up takes [--port P] [--host H] [--data-dir D] [--in-memory] [--webhook URL])
            up --port 65536           | up: --port needs a port number 0-65535, not '65536' (up takes [--port P] [--host H] [--data-dir D] [--in-memory] [--webhook URL])
            up --port -1              | up: --port needs a port number 0-65535, not '-1' (up takes [--port P] [--host H] [--data-dir D] [--in-memory] [--webhook URL])
            backends --s3-port 9e3    | backends: --s3-port needs a port number 0-65535, not '9e3' (backends takes [--data-dir D] [--dynamodb-port P] [--s3-port P] [--issuer-port P])
            up --port 1 --port 2      | up: --port is given twice (up takes [--port P] [--host H] [--data-dir D] [--in-memory] [--webhook URL])
            demo now                  | demo: unexpected argument 'now' (demo takes [--data-dir D])
            upload                    | upload: FILE is required (upload takes FILE [--comment C] [--api URL] [--token T] [--data-dir D] [--no-wait] [--parallel N])
            upload a b                | upload: unexpected argument 'b' (upload takes FILE [--comment C] [--api URL] [--token T] [--data-dir D] [--no-wait] [--parallel N])
            upload a --user x         | upload: unknown option '--user' (upload takes FILE [--comment C] [--api URL] [--token T] [--data-dir D] [--no-wait] [--parallel N])
            start                     | unknown command 'start' (commands: up, token, reconcile, demo, logs, backends, upload; --help for more)
            --port 1                  | unknown command '--port' (commands: up, token, reconcile, demo, logs, backends, upload; --help for more)
            --version up              | --version takes no arguments
            """)
    void aCommandLineItCannotRunIsRefusedWithOneLineNamingTheOptions(String line, String message) {
        UsageException refused = assertThrows(UsageException.class, () -> CommandLine.parse(line.split(" ")));

        assertEquals(message, refused.getMessage());
    }

    @Test
    void noCommandIsRefused() {
        UsageException refused = assertThrows(UsageException.class, CommandLine::parse);

        assertEquals("a command is required (commands: up, token, reconcile, demo, logs, backends, upload; --help for more)",
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void helpAloneAsksForTheListOfCommands(String flag) {
        assertEquals(new Help(Optional.empty()), CommandLine.parse(flag));
    }

    @Test
    void helpAfterACommandOrBeforeItAsksForThatCommandsOptions() {
        assertEquals(new Help(Optional.of(Command.TOKEN)), CommandLine.parse("token", "--help"));
        assertEquals(new Help(Optional.of(Command.UP)), CommandLine.parse("up", "--port", "1", "-h"));
        assertEquals(new Help(Optional.of(Command.BACKENDS)), CommandLine.parse("help", "backends"));
    }

    @Test
    void theListOfCommandsHasOneLinePerCommand() {
        String help = CommandLine.help();

        for (Command command : Command.values()) {
            assertEquals(1, help.lines().filter(l -> l.startsWith("  " + command.commandName() + " ")).count(),
                    command + " in\n" + help);
        }
    }

    @Test
    void aCommandsHelpNamesEachOfItsOptionsWithItsDefault() {
        String help = CommandLine.help(Command.BACKENDS);

        assertTrue(help.startsWith("usage: filepipe-local backends [--data-dir D] [--dynamodb-port P] [--s3-port P]"
                + " [--issuer-port P]\n"), help);
        assertTrue(help.contains("--dynamodb-port P") && help.contains("(default 8000)"), help);
        assertTrue(help.contains("(default .filepipe-dev)"), help);
    }

    @Test
    void theUploadCommandsHelpNamesItsFileAndLeavesOptionsWithoutDefaultWithoutOne() {
        String help = CommandLine.help(Command.UPLOAD);

        assertTrue(help.startsWith("usage: filepipe-local upload FILE [--comment C] [--api URL] [--token T]"
                + " [--data-dir D] [--no-wait] [--parallel N]\n"), help);
        assertTrue(help.lines().anyMatch(l -> l.startsWith("  --api URL") && !l.contains("(default")), help);
        assertTrue(help.lines().anyMatch(l -> l.startsWith("  --parallel N") && l.endsWith("(default 4)")), help);
    }

    @Test
    void logsTakesDataDirFollowAndAFile() {
        Run logs = run("logs", "--follow", "--file", "01ABC", "--data-dir", "d");

        assertEquals(Command.LOGS, logs.command());
        assertTrue(logs.isSet("--follow"));
        assertEquals(Optional.of("01ABC"), logs.given("--file"));
        assertEquals(Path.of("d").toAbsolutePath().normalize(), logs.path("--data-dir"));
    }

    @Test
    void logsWithoutOptionsPrintsEveryFilesLinesOnceFromTheDefaultDirectory() {
        Run logs = run("logs");

        assertFalse(logs.isSet("--follow"));
        assertEquals(Optional.empty(), logs.given("--file"));
        assertEquals(StackOptions.DEFAULT_DATA_DIR.toAbsolutePath().normalize(), logs.path("--data-dir"));
    }

    @Test
    void logsRefusesAFileOptionWithoutItsIdOrAnOptionOfAnotherCommand() {
        assertEquals("logs: --file needs a value (logs takes [--data-dir D] [--follow] [--file ID])",
                assertThrows(UsageException.class, () -> CommandLine.parse("logs", "--file")).getMessage());
        assertEquals("logs: unknown option '--port' (logs takes [--data-dir D] [--follow] [--file ID])",
                assertThrows(UsageException.class, () -> CommandLine.parse("logs", "--port", "1")).getMessage());
    }

    @Test
    void anOptionWithoutADefaultSaysNone() {
        String help = CommandLine.help(Command.LOGS);

        assertTrue(help.contains("--file ID") && help.contains("only the lines about the file ID\n"), help);
        assertFalse(help.contains("default null"), help);
    }

    @Test
    void theVersionIsTheOneMavenBuilt() {
        String version = CommandLine.version();

        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version);
    }
}
