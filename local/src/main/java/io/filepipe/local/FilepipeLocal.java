package io.filepipe.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.api.upload.UploadLimits;
import io.filepipe.core.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * The local stack's command line: {@code up}, {@code token}, {@code reconcile}, {@code demo},
 * {@code logs}, {@code backends} and {@code upload}, each with its own options ({@link CommandLine}); {@code --help} lists them.
 * Exit status 2 for a command line that cannot be run.
 */
public final class FilepipeLocal {

    static final String LOG_CONFIG = "classpath:filepipe-local-log4j2.xml";
    private static final String JUL_CONFIG = "/filepipe-local-jul.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilepipeLocal() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        try (InputStream jul = FilepipeLocal.class.getResourceAsStream(JUL_CONFIG)) {
            LogManager.getLogManager().updateConfiguration(jul, key -> (old, added) -> added == null ? old : added);
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine.Request request;
        try {
            request = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            return 2;
        }
        return switch (request) {
            case CommandLine.Help help -> {
                out.print(help.text());
                yield 0;
            }
            case CommandLine.Version version -> {
                out.println(CommandLine.PROGRAM + " " + CommandLine.version());
                yield 0;
            }
            case CommandLine.Run command -> switch (command.command()) {
                case UP -> up(command, out, err);
                case TOKEN -> token(command.path("--data-dir"), command.text("--user"), out);
                case RECONCILE -> ReconcileCommand.run(command.path("--data-dir"), System.getenv(), out, err);
                case DEMO -> Demo.run(command.path("--data-dir"), out);
                case LOGS -> LogsCommand.run(command.path("--data-dir"), command.isSet("--follow"), command.given("--file"),
                        out, err);
                case BACKENDS -> BackendsCommand.run(command.path("--data-dir"), command.port("--dynamodb-port"),
                        command.port("--s3-port"), command.port("--issuer-port"), out, err);
                case UPLOAD -> UploadCommand.run(command, out, err);
            };
        };
    }

    /** Runs the stack until the JVM stops; exit status 1, with one line on {@code err}, if it cannot start. */
    private static int up(CommandLine.Run command, PrintStream out, PrintStream err) throws InterruptedException {
        StackOptions options;
        try {
            options = StackOptions.forUp(command.path("--data-dir"), command.text("--host"), command.port("--port"),
                    command.isSet("--in-memory"), System.getenv()).withWebhooks(webhooks(command.texts("--webhook")));
        } catch (ConfigException e) {
            err.println(CommandLine.PROGRAM + ": " + String.join("; ", e.problems()));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            return 2;
        }
        return run(options, out, err);
    }

    /** The webhook URLs: absolute http(s) URLs, or an IllegalArgumentException naming the first that is not. */
    private static List<URI> webhooks(List<String> urls) {
        List<URI> webhooks = new ArrayList<>();
        for (String url : urls) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--webhook needs an http(s) URL, not '" + url + "'");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--webhook needs an http(s) URL, not '" + url + "'");
            }
            webhooks.add(uri);
        }
        return webhooks;
    }

    private static int run(StackOptions options, PrintStream out, PrintStream err) throws InterruptedException {
        DevStack stack;
        try {
            stack = DevStack.start(options);
        } catch (DevStack.PortInUse e) {
            err.println(CommandLine.PROGRAM + ": the API's " + e.getMessage()
                    + "; choose another with --port (--port 0 picks a free one)");
            return 1;
        } catch (DataDirLock.InUse e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stop-local-stack"));
        printWelcome(stack, out);
        stopped.await();
        return 0;
    }

    static void printWelcome(DevStack stack, PrintStream out) {
        String api = stack.apiUrl().toString();
        String dir = stack.options().dataDir().toString();
        out.println();
        out.println("filepipe is up: API " + api + "  (data in " + dir + (stack.options().inMemory() ? ", in memory" : "") + ")");
        out.println("Every endpoint is in " + StackFile.path(stack.options().dataDir()));
        out.println();
        out.println("Open the web app (sign in with any user name): " + api + "/");
        out.println();
        out.println("Or upload a file with curl (the token is valid for an hour, also after a restart; new tokens: "
                + "java -jar local/target/filepipe-local.jar token --data-dir " + dir + "):");
        out.println("  TOKEN=" + stack.issuer().idToken("dev"));
        out.println("  echo 'hello, filepipe' > hello.txt");
        out.println("  base64 -w0 hello.txt | jq -Rs '{file_name: \"hello.txt\", comment: \"first\", file_data: .}' \\");
        out.println("    | curl -s -X POST " + api + "/upload -H \"Authorization: $TOKEN\" -H 'Content-Type: application/json' "
                + "--data-binary @-");
        out.println("(the body goes through a pipe, not the command line: this works up to the limit of "
                + UploadLimits.DEFAULT_MAX_FILE_BYTES / (1024 * 1024) + " MiB per file)");
        out.println("Then read its status with the file_id it returns:");
        out.println("  curl -s " + api + "/files/<file_id> -H \"Authorization: $TOKEN\"");
        out.println("Each request is logged below; processing results too, and both in "
                + stack.options().dataDir().resolve("logs") + " (as a table: java -jar local/target/filepipe-local.jar logs"
                + " --data-dir " + dir + " --follow). Ctrl-C stops.");
        out.println();
    }

    static int token(Path dataDir, String user, PrintStream out) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = StackFile.read(dataDir).tokenUrl(user);
        } catch (StackFile.NoStackRunning e) {
            System.err.println("filepipe-local: " + e.getMessage());
            return 1;
        }
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("filepipe-local: the stack in " + dataDir + " does not answer (" + e + ")");
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("filepipe-local: " + response.body());
            return 1;
        }
        out.println(JSON.readTree(response.body()).get("IdToken").asText());
        return 0;
    }
}
