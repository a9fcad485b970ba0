package io.filepipe.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's command line.
 *
 * <pre>
 * up    [--port P] [--host H] [--data-dir D] [--in-memory]   run the whole pipeline in the foreground
 * token [--user NAME] [--data-dir D]                         print an IdToken from the running stack
 * demo  [--data-dir D]                                       upload four kinds of file and check their outcome
 * reconcile [--data-dir D]                                   re-drive stuck files now, report orphaned objects
 * </pre>
 */
public final class FilepipeLocal {

    static final String LOG_CONFIG = "classpath:filepipe-local-log4j2.xml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilepipeLocal() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("filepipe-local: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
        int status = switch (arguments.command()) {
            case "up" -> up(arguments);
            case "token" -> token(arguments, System.out);
            case "demo" -> Demo.run(arguments.dataDir(), System.out);
            case "reconcile" -> ReconcileCommand.run(arguments.dataDir(), System.getenv(), System.out, System.err);
            default -> {
                System.err.println(Arguments.USAGE);
                yield 2;
            }
        };
        System.exit(status);
    }

    private static int up(Arguments arguments) throws InterruptedException {
        StackOptions options;
        try {
            options = StackOptions.forUp(arguments.dataDir(), arguments.host(), arguments.port(), arguments.inMemory(),
                    System.getenv());
        } catch (ConfigException e) {
            System.err.println("filepipe-local: " + String.join("; ", e.problems()));
            return 2;
        }
        DevStack stack = DevStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stop-local-stack"));
        printWelcome(stack, System.out);
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
        out.println("Upload a file (valid for an hour; new tokens: java -jar local/target/filepipe-local.jar token --data-dir " + dir + "):");
        out.println("  TOKEN=" + stack.issuer().idToken("dev"));
        out.println("  echo 'hello, filepipe' > hello.txt");
        out.println("  curl -s -X POST " + api + "/upload -H \"Authorization: $TOKEN\" -H 'Content-Type: application/json' \\");
        out.println("    -d \"{\\\"file_name\\\":\\\"hello.txt\\\",\\\"comment\\\":\\\"first\\\",\\\"file_data\\\":\\\"$(base64 -w0 hello.txt)\\\"}\"");
        out.println("Then read its status with the file_id it returns:");
        out.println("  curl -s " + api + "/files/<file_id> -H \"Authorization: $TOKEN\"");
        out.println("Processing results appear below and in " + stack.options().dataDir().resolve("logs") + ". Ctrl-C stops.");
        out.println();
    }

    static int token(Arguments arguments, PrintStream out) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = StackFile.read(arguments.dataDir()).tokenUrl(arguments.user());
        } catch (StackFile.NoStackRunning e) {
            System.err.println("filepipe-local: " + e.getMessage());
            return 1;
        }
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("filepipe-local: the stack in " + arguments.dataDir() + " does not answer (" + e + ")");
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("filepipe-local: " + response.body());
            return 1;
        }
        out.println(JSON.readTree(response.body()).get("IdToken").asText());
        return 0;
    }

    /** Parsed command line. */
    record Arguments(String command, Path dataDir, String host, int port, boolean inMemory, String user) {

        static final String USAGE = """
                usage: filepipe-local up    [--port P] [--host H] [--data-dir D] [--in-memory]
                       filepipe-local token [--user NAME] [--data-dir D]
                       filepipe-local demo  [--data-dir D]
                       filepipe-local reconcile [--data-dir D]""";

        static Arguments parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("a command is required");
            }
            String command = args[0];
            if (!List.of("up", "token", "demo", "reconcile").contains(command)) {
                throw new IllegalArgumentException("unknown command '" + command + "'");
            }
            Path dataDir = StackOptions.DEFAULT_DATA_DIR;
            String host = StackOptions.DEFAULT_HOST;
            int port = StackOptions.DEFAULT_PORT;
            boolean inMemory = false;
            String user = "dev";
            List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
            while (!rest.isEmpty()) {
                String flag = rest.removeFirst();
                switch (flag) {
                    case "--in-memory" -> inMemory = true;
                    case "--data-dir" -> dataDir = Path.of(value(flag, rest));
                    case "--host" -> host = value(flag, rest);
                    case "--user" -> user = value(flag, rest);
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value(flag, rest));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port needs a number");
                        }
                        if (port < 0 || port > 65_535) {
                            throw new IllegalArgumentException("--port must be 0-65535");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
            return new Arguments(command, dataDir.toAbsolutePath().normalize(), host, port, inMemory, user);
        }

        private static String value(String flag, List<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return rest.removeFirst();
        }
    }
}
