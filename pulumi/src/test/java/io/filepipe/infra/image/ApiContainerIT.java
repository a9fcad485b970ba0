package io.filepipe.infra.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.store.FileTable;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.ChildProcesses;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.LocalPorts;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.testsupport.image.Dockerfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs what Dockerfile.api runs, without Docker: the files its COPY lines take from the build stage
 * (upload-api's packaged jar and lib/) are laid out under target/, its training step runs as the
 * image build would (with the local module's backends it mounts), and its ENTRYPOINT starts against
 * DynamoDB Local, the S3 server and a local token issuer. The only changes: {@code java} is the
 * test's JDK and in-image paths point at the local folder.
 */
class ApiContainerIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.getParent();
    private static final Path WORK = MODULE.resolve("target/api-container-it");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String CLIENT_ID = "container-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Dockerfile image;
    private static Path app;
    private static Path cache;
    private static LocalTokenIssuer issuer;
    private static String table;
    private static String bucket;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        image = Dockerfile.read(REPOSITORY.resolve("Dockerfile.api"));
        app = image.materialize(REPOSITORY, WORK.resolve("app"));
        cache = Path.of(image.command().stream()
                .filter(arg -> arg.startsWith("-XX:AOTCache="))
                .map(arg -> image.inRoot(arg.substring(arg.indexOf('=') + 1), app))
                .findFirst().orElseThrow());
        table = SharedBackends.uniqueName("files");
        bucket = SharedBackends.uniqueName("uploads");
        AwsClients clients = SharedBackends.clients();
        try (DynamoDbClient dynamo = clients.dynamoDb(); S3Client s3 = clients.s3()) {
            FileTable.createIfMissing(dynamo, table);
            s3.createBucket(r -> r.bucket(bucket));
        }
        issuer = LocalTokenIssuer.start(CLIENT_ID);
        Files.createDirectories(WORK);
        train();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    /** The image's training step, as its RUN here-document does it: the cache every start maps. */
    private static void train() throws IOException, InterruptedException {
        Files.deleteIfExists(cache);
        Path log = WORK.resolve("training.log");
        Process training = start(List.of("bash", "-c", image.scriptIn(app)), imageEnvironment(LocalPorts.free()), log);
        assertTrue(training.waitFor(4, TimeUnit.MINUTES), "the training run ends on its own; see " + log);
        assertEquals(0, training.exitValue(), Files.readString(log));
        assertTrue(Files.size(cache) > 0, "the training run wrote the cache");
    }

    @Test
    void theEntrypointStartsFromTheTrainingRunsCacheOfTheRequestPath(TestInfo test) throws Exception {
        Path classLoading = log(test, "class-load");
        Files.deleteIfExists(classLoading);
        Map<String, String> env = apiEnvironment(LocalPorts.free());
        // AOTMode=on: a JVM that cannot use the cache (another JDK, class path or GC) refuses to start
        // instead of starting slowly; the class path (the jar and its manifest's lib/ jars) stays the image's
        env.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on -Xlog:class+load=info:file=" + classLoading);
        try (Api api = new Api(env, log(test, "entrypoint"))) {
            api.awaitHealthy();
            Http.Response upload = Http.postJson(api.uri("/upload"), issuer.idToken("cache-user"),
                    Http.uploadBody("cached.txt", null, "from the cache".getBytes(StandardCharsets.UTF_8)));
            assertEquals(201, upload.status(), upload.body());
        }
        // JDK 25 does not notice a jar that changed after training (measured): the classes of the
        // start and of an upload must come from the cache, or it is not this build's
        List<String> loaded = Files.readAllLines(classLoading);
        for (String type : List.of("io.filepipe.api.Main", "io.javalin.Javalin", "io.filepipe.api.upload.UploadService",
                "io.filepipe.core.blob.S3BlobStore", "io.filepipe.api.auth.TokenVerifier")) {
            assertTrue(loaded.stream().anyMatch(line -> line.contains(" " + type + " source: shared objects file")),
                    type + " came from the training run's cache; see " + classLoading);
        }
    }

    @Test
    void anEntrypointThatCannotUseTheCacheRefusesToStartUnderTheTestsCheck(TestInfo test) throws Exception {
        Map<String, String> env = apiEnvironment(LocalPorts.free());
        // a cache the JVM cannot map: what a cache of another JDK or build looks like to it
        Path foreign = WORK.resolve("foreign.aot");
        Files.writeString(foreign, "not an AOT cache");
        env.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");
        List<String> command = image.commandIn(app, JAVA.toString(), List.of()).stream()
                .map(arg -> arg.startsWith("-XX:AOTCache=") ? "-XX:AOTCache=" + foreign : arg).toList();
        Process refused = start(command, env, log(test, "entrypoint"));
        assertTrue(refused.waitFor(1, TimeUnit.MINUTES), "the JVM gives up at once");
        assertNotEquals(0, refused.exitValue(), Files.readString(log(test, "entrypoint")));
    }

    @Test
    void entrypointServesUploadsAndStopsCleanlyOnSigterm(TestInfo test) throws Exception {
        int port = LocalPorts.free();
        Path output = log(test, "entrypoint");
        Api api = new Api(apiEnvironment(port), output);
        try (api) {
            api.awaitHealthy();
            String token = issuer.idToken("container-user");
            Http.Response upload = Http.postJson(api.uri("/upload"), token,
                    Http.uploadBody("hello.txt", null, "hello, filepipe".getBytes(StandardCharsets.UTF_8)));
            assertEquals(201, upload.status(), upload.body());
            String fileId = upload.json().path("file_id").asText();
            // the token alone, without "Bearer ", as some clients send it
            Http.Response file = Http.send(HttpRequest.newBuilder(api.uri("/files/" + fileId)).header("Authorization", token));
            assertEquals(200, file.status(), file.body());
            assertEquals("PENDING", file.json().path("status").asText());

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
            this.process = start(image.commandIn(app, JAVA.toString(), List.of()), env, output);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void awaitHealthy() throws Exception {
            Await.until("a 200 from /health", START_TIMEOUT, this::healthStatus, status -> status == 200);
        }

        /** The status of /health, or 0 while nothing listens. */
        private int healthStatus() {
            assertTrue(process.isAlive(), "the API exited before it was healthy");
            try {
                return Http.get(uri("/health"), null).status();
            } catch (UncheckedIOException notListeningYet) {
                return 0;
            }
        }

        /** Sends SIGTERM and returns the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the API stops within 30 s of SIGTERM");
            return process.exitValue();
        }

        @Override
        public void close() {
            ChildProcesses.stop(process, Duration.ofSeconds(30));
        }
    }

    private static Process start(List<String> command, Map<String, String> env, Path output) throws IOException {
        return ChildProcesses.start(command, env, app, output);
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
        env.putAll(LocalClients.environment(SharedBackends.settings()));
        return env;
    }

    private static Path log(TestInfo test, String process) throws IOException {
        Files.createDirectories(WORK);
        return WORK.resolve(test.getTestMethod().orElseThrow().getName() + "-" + process + ".log");
    }
}
