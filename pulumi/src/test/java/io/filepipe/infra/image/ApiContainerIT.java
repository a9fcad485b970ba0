package io.filepipe.infra.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.store.FileTable;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.embedded.SharedBackends;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs what Dockerfile.api runs, without Docker: the files its COPY lines take from the build stage
 * (upload-api's packaged jar and lib/) are laid out under target/, its training step runs as the
 * image build would, and its ENTRYPOINT starts against DynamoDB Local, the S3 server and a local
 * token issuer. The only changes: {@code java} is the test's JDK and in-image paths point at the
 * local folder.
 */
class ApiContainerIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.getParent();
    private static final Path WORK = MODULE.resolve("target/api-container-it");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String CLIENT_ID = "container-it";
    private static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static DockerfileImage image;
    private static Path app;
    private static Path archive;
    private static LocalTokenIssuer issuer;
    private static String table;
    private static String bucket;

    @BeforeAll
    static void prepare() throws IOException {
        image = DockerfileImage.read(REPOSITORY.resolve("Dockerfile.api"));
        app = image.materialize(REPOSITORY, WORK.resolve("app"));
        archive = Path.of(image.command().stream()
                .filter(arg -> arg.startsWith("-XX:SharedArchiveFile="))
                .map(arg -> arg.substring(arg.indexOf('=') + 1).replace(image.workdir() + "/", app + "/"))
                .findFirst().orElseThrow());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        table = "files-" + suffix;
        bucket = "uploads-" + suffix;
        AwsClients clients = new AwsClients(
                AwsSettings.forEndpoints(REGION, SharedBackends.s3().endpoint(), SharedBackends.dynamoDb().endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY,
                        LocalCredentials.SECRET_KEY)));
        try (DynamoDbClient dynamo = clients.dynamoDb(); S3Client s3 = clients.s3()) {
            FileTable.createIfMissing(dynamo, table);
            s3.createBucket(r -> r.bucket(bucket));
        }
        issuer = LocalTokenIssuer.start(CLIENT_ID);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void trainingRunWritesAClassArchiveThatTheEntrypointAccepts(TestInfo test) throws Exception {
        Files.deleteIfExists(archive);
        int port = freePort();
        Process training = start(List.of("bash", "-c", image.scriptIn(app)), imageEnvironment(port), log(test, "training"));
        assertTrue(training.waitFor(2, TimeUnit.MINUTES), "the training run ends on its own");
        assertEquals(0, training.exitValue(), Files.readString(log(test, "training")));
        assertTrue(Files.size(archive) > 0, "the archive was written");

        FileTime written = Files.getLastModifiedTime(archive);
        Path classLoading = log(test, "class-load");
        Files.deleteIfExists(classLoading);
        Map<String, String> env = apiEnvironment(freePort());
        // logging only: the class path (the jar and its manifest's lib/ jars, in a fixed order) stays the image's
        env.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classLoading);
        try (Api api = new Api(env, log(test, "entrypoint"))) {
            api.awaitHealthy();
        }
        // AutoCreateSharedArchive rewrites an archive it cannot use when the JVM exits
        assertEquals(written, Files.getLastModifiedTime(archive), "the entrypoint started from the archive as it was");
        // the training run's archive is the dynamic ("top") layer over the JDK's own
        assertTrue(Files.readAllLines(classLoading).stream()
                        .anyMatch(line -> line.contains(" io.filepipe.api.Main source: shared objects file (top)")),
                "the API's main class came from the training run's archive; see " + classLoading);
    }

    @Test
    void entrypointServesUploadsAndStopsCleanlyOnSigterm(TestInfo test) throws Exception {
        int port = freePort();
        Path output = log(test, "entrypoint");
        Api api = new Api(apiEnvironment(port), output);
        try (api) {
            api.awaitHealthy();
            String token = issuer.idToken("container-user");
            HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(api.uri("/upload"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"file_name\":\"hello.txt\",\"file_data\":\""
                            + Base64.getEncoder().encodeToString("hello, filepipe".getBytes(StandardCharsets.UTF_8)) + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, upload.statusCode(), upload.body());
            String fileId = JSON.readTree(upload.body()).path("file_id").asText();
            HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(api.uri("/files/" + fileId))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, file.statusCode(), file.body());
            assertEquals("PENDING", JSON.readTree(file.body()).path("status").asText());

            assertEquals(128 + 15, api.stop(), "SIGTERM ends the JVM through its shutdown hooks");
        }
        for (String line : Files.readAllLines(output)) {
            JsonNode json = JSON.readTree(line); // every line JSON: no JVM warning, no stack trace on stdout
            assertTrue(List.of("INFO", "WARN").contains(json.path("level").asText()), line);
        }
    }

    /** The entrypoint's process; closing it stops it (forcibly if SIGTERM is not enough). */
    private static final class Api implements AutoCloseable {
        private final Process process;
        private final int port;

        Api(Map<String, String> env, Path output) throws IOException {
            this.port = Integer.parseInt(env.get("PORT"));
            this.process = start(image.commandIn(app, JAVA.toString()), env, output);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void awaitHealthy() throws InterruptedException {
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                assertTrue(process.isAlive(), "the API exited before it was healthy");
                try {
                    if (HTTP.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no 200 from /health within " + START_TIMEOUT);
        }

        /** Sends SIGTERM and returns the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the API stops within 30 s of SIGTERM");
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Process start(List<String> command, Map<String, String> env, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** What the image sets, the test's java first on PATH, on a free port. */
    private static Map<String, String> imageEnvironment(int port) {
        Map<String, String> env = new HashMap<>(image.env());
        env.put("PATH", JAVA.getParent() + ":/usr/bin:/bin");
        env.put("PORT", Integer.toString(port));
        return env;
    }

    /** The image's environment plus what Pulumi gives the function, pointed at the local backends. */
    private static Map<String, String> apiEnvironment(int port) {
        Map<String, String> env = imageEnvironment(port);
        env.put("FILEPIPE_TABLE", table);
        env.put("FILEPIPE_BUCKET", bucket);
        env.put("FILEPIPE_ISSUER", issuer.issuer());
        env.put("FILEPIPE_AUDIENCE", CLIENT_ID);
        env.put("FILEPIPE_BIND_HOST", "127.0.0.1");
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", SharedBackends.dynamoDb().endpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", SharedBackends.s3().endpoint().toString());
        return env;
    }

    private static Path log(TestInfo test, String process) throws IOException {
        Files.createDirectories(WORK);
        return WORK.resolve(test.getTestMethod().orElseThrow().getName() + "-" + process + ".log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
