package io.filepipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.local.upload.UploadClient;
import io.filepipe.local.upload.UploadPath;
import io.filepipe.local.upload.Uploader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code upload FILE}: sends a file to the stack running in {@code --data-dir} (with a token from its
 * issuer) or to {@code --api} with {@code --token}, waits for its terminal status and prints it with
 * the processing result. Exit status 0 when the file was uploaded and (unless {@code --no-wait})
 * PROCESSED; 1 when it was rejected, failed, did not finish in time or could not be sent, with a line
 * saying what to do next; 2 for a command line that cannot be run.
 */
final class UploadCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = CommandLine.PROGRAM + " upload: ";
    private static final long GIB = 1024L * 1024 * 1024;

    private UploadCommand() {
    }

    static int run(CommandLine.Run command, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Path file = Path.of(command.argument().orElseThrow()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println(PREFIX + file + " is not a readable file: check the path");
            return 1;
        }
        if (Files.size(file) == 0) {
            err.println(PREFIX + file + " is empty: filepipe rejects empty files");
            return 1;
        }
        int parallel;
        try {
            parallel = command.positive("--parallel");
        } catch (CommandLine.UsageException e) {
            err.println(CommandLine.PROGRAM + ": " + e.getMessage());
            return 2;
        }
        Optional<String> api = command.given("--api");
        Optional<String> token = command.given("--token");
        if (api.isPresent() != token.isPresent()) {
            err.println(CommandLine.PROGRAM + ": upload: --api and --token go together (or neither, for the stack in --data-dir)");
            return 2;
        }
        Target target;
        if (api.isPresent()) {
            target = new Target(URI.create(api.get()), token.get(), Path.of(System.getProperty("user.home"), ".filepipe"),
                    "pass a fresh IdToken with --token");
        } else {
            Path dataDir = command.path("--data-dir");
            Optional<Target> local = localTarget(dataDir, err);
            if (local.isEmpty()) {
                return 1;
            }
            target = local.get();
        }
        try (UploadClient client = new UploadClient(target.api(), target.token())) {
            Uploader uploader = new Uploader(client, target.stateDir(), parallel, out, System.console() != null);
            JsonNode created = uploader.upload(file, command.given("--comment").orElse(null));
            String fileId = created.path("file_id").asText();
            out.println("upload: stored as " + created.path("s3_path").asText() + ", file_id " + fileId + ", status "
                    + created.path("status").asText());
            if (command.isSet("--no-wait")) {
                return 0;
            }
            Duration deadline = Duration.ofMinutes(2).plusMinutes(Files.size(file) / GIB);
            JsonNode result = uploader.awaitTerminal(fileId, deadline);
            String status = result.path("status").asText();
            out.println("upload: " + status + (status.equals("PROCESSED") || status.equals("REJECTED")
                    || status.equals("FAILED") ? "" : " (not finished after " + deadline.toSeconds() + " s)"));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    result.has("error") ? result.get("error") : result.path("result")));
            return status.equals("PROCESSED") ? 0 : 1;
        } catch (UploadClient.Unreachable e) {
            err.println(PREFIX + e.getMessage() + "; " + (api.isPresent() ? "check --api and the network"
                    : "is the stack still running? (start it with `java -jar local/target/filepipe-local.jar up`)")
                    + "; rerun the same command to resume");
            return 1;
        } catch (UploadClient.ApiError e) {
            err.println(PREFIX + e.getMessage() + nextStep(e, target));
            return 1;
        }
    }

    private static String nextStep(UploadClient.ApiError e, Target target) {
        if (e.status() == 404 && e.call().equals("POST /uploads")) {
            return "; this API has no presigned path for files above " + UploadPath.THRESHOLD_BYTES
                    + " bytes: update it, or send a smaller file";
        }
        return switch (e.status()) {
            case 401 -> "; the token was refused (expired?): " + target.newToken();
            case 413 -> "; the file is over the API's size limit for one file (named above): split it, or ask for a higher limit";
            case 429 -> "; too many uploads are open: finish or wait for them, then rerun";
            case 404, 410 -> "; rerun the command to start the upload again";
            default -> e.status() >= 500 ? "; a server problem: rerun the same command to resume" : "";
        };
    }

    private record Target(URI api, String token, Path stateDir, String newToken) {
    }

    private static Optional<Target> localTarget(Path dataDir, PrintStream err) throws InterruptedException {
        StackFile stack;
        try {
            stack = StackFile.read(dataDir);
        } catch (StackFile.NoStackRunning e) {
            err.println(PREFIX + e.getMessage() + ", or pass --api URL --token T for a deployed API");
            return Optional.empty();
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.token()).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println(PREFIX + "the stack's token issuer answered " + response.statusCode() + ": " + response.body());
                return Optional.empty();
            }
            return Optional.of(new Target(stack.api(), JSON.readTree(response.body()).get("IdToken").asText(), dataDir,
                    "rerun, the command gets a new one from the stack"));
        } catch (IOException e) {
            err.println(PREFIX + "the stack in " + dataDir + " does not answer (" + e + "); is it still running? "
                    + "(start it with `java -jar local/target/filepipe-local.jar up`)");
            return Optional.empty();
        }
    }
}
