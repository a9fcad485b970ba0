package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.testsupport.ChildProcesses;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.LocalPorts;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.testsupport.TestImages;
import io.filepipe.testsupport.image.Dockerfile;
import io.filepipe.testsupport.lambda.FakeLambdaRuntime;
import io.filepipe.testsupport.lambda.RuntimeClientNativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Runs the container's own command line (ENTRYPOINT + CMD of Dockerfile.processor) as a child
 * process against the packaged artifacts, with a fake Lambda Runtime API and the local backends:
 * what Lambda would do with the image, minus Docker.
 */
class ContainerEntrypointIT {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path WORK = MODULE.resolve("target/container-it");

    private static ProcessorFixture fixture;
    private static Dockerfile container;
    private static Path taskRoot;
    private static Path jniLibrary;
    private static Path cache;

    @BeforeAll
    static void prepare() throws IOException {
        fixture = ProcessorFixture.create();
        Path repository = MODULE.getParent();
        container = Dockerfile.read(repository.resolve("Dockerfile.processor"));
        taskRoot = container.materialize(repository, WORK.resolve("task"));
        jniLibrary = RuntimeClientNativeLibrary.extract(taskRoot, WORK.resolve("libaws-lambda-jni.so"));
        cache = Path.of(container.entrypoint().stream()
                .filter(arg -> arg.startsWith("-XX:AOTCache="))
                .map(arg -> container.inRoot(arg.substring(arg.indexOf('=') + 1), taskRoot))
                .findFirst().orElseThrow(() -> new AssertionError("the ENTRYPOINT names no AOT cache")));
        train();
    }

    /**
     * The image's training step, as its RUN here-document does it (test-support's build mounted where
     * the image mounts it: Lambda's side of the run): the cache every start maps.
     */
    private static void train() throws IOException {
        Files.deleteIfExists(cache);
        Path log = WORK.resolve("training.log");
        Process training = ChildProcesses.start(List.of("bash", "-c", container.scriptIn(taskRoot)), Map.of(
                "PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin",
                // the options Function adds to the command line, so that training and functions run alike
                "JDK_JAVA_OPTIONS", String.join(" ", extraJvmOptions())), taskRoot, log);
        try {
            if (!training.waitFor(2, TimeUnit.MINUTES)) {
                training.destroyForcibly();
                throw new AssertionError("the training run did not end; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (training.exitValue() != 0) {
            throw new AssertionError("the training run failed:\n" + Files.readString(log));
        }
    }

    private static List<String> extraJvmOptions() {
        return List.of("--enable-native-access=ALL-UNNAMED",
                RuntimeClientNativeLibrary.jvmOption(jniLibrary));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Map<String, String> lambdaEnvironment(FakeLambdaRuntime runtime) {
        Map<String, String> env = new HashMap<>(LocalClients.environment(SharedBackends.settings()));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "filepipe-stream-processor");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("FILEPIPE_TABLE", fixture.table);
        env.put("FILEPIPE_BUCKET", fixture.bucket);
        return env;
    }

    /** The function's process: exactly the container's command line, as Lambda would start it. */
    private static final class Function implements AutoCloseable {

        private final Process process;
        private final Path output;

        Function(Map<String, String> env, String name) throws IOException {
            this(env, name, List.of());
        }

        /** {@code diagnostics}: JVM options that change only what the JVM reports, such as logging. */
        Function(Map<String, String> env, String name, List<String> diagnostics) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> options = new ArrayList<>(extraJvmOptions());
            options.addAll(diagnostics);
            List<String> command = container.commandIn(taskRoot, java, options);
            output = WORK.resolve(name + ".log");
            process = ChildProcesses.start(command, env, taskRoot, output);
        }

        /** Stops the function and returns the JSON lines it printed. */
        List<JsonNode> stopAndReadJsonLines() throws IOException {
            close();
            return Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("{"))
                    .map(ContainerEntrypointIT::parse)
                    .toList();
        }

        boolean exitsWithin(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        int exitCode() {
            return process.exitValue();
        }

        @Override
        public void close() {
            ChildProcesses.stop(process, Duration.ofSeconds(10));
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void containerCommandProcessesEventsAndReportsInvalidOnes(TestInfo test) throws Exception {
        FileRef photo = fixture.upload("photo.png", TestImages.png(800, 600));
        FileRef disguised = fixture.upload("invoice.pdf", "plain text".getBytes(StandardCharsets.UTF_8));
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
             Function function = new Function(lambdaEnvironment(runtime), test.getTestMethod().orElseThrow().getName())) {
            FakeLambdaRuntime.Invocation single = runtime.invoke(TestEvents.keys(photo));
            FakeLambdaRuntime.Invocation invalid = runtime.invoke("{\"bucket\":\"x\",\"key\":\"y\"}");
            FakeLambdaRuntime.Invocation batch = runtime.invoke("[" + TestEvents.pipesRecord(disguised) + "]");

            FakeLambdaRuntime.Reply singleReply = single.awaitReply(REPLY_TIMEOUT);
            FakeLambdaRuntime.Reply invalidReply = invalid.awaitReply(REPLY_TIMEOUT);
            FakeLambdaRuntime.Reply batchReply = batch.awaitReply(REPLY_TIMEOUT);
            List<JsonNode> lines = function.stopAndReadJsonLines();
            // with two class loaders over the same jars log4j would find the template twice and warn, naming it
            assertFalse(Files.readString(function.output).contains(JsonLogs.EVENT_TEMPLATE), "log4j warned about the template");

            assertEquals(FakeLambdaRuntime.Reply.Kind.RESPONSE, singleReply.kind(), singleReply.body());
            assertEquals(JSON.readTree("{\"userId\":\"" + photo.userId().value() + "\",\"fileId\":\"" + photo.fileId().value()
                    + "\",\"status\":\"PROCESSED\",\"reason\":null}"), JSON.readTree(singleReply.body()));
            FileRecord item = fixture.item(photo);
            assertEquals(FileStatus.PROCESSED, item.status());
            assertEquals(2, fixture.derivedKeys(photo).size());

            assertEquals(FakeLambdaRuntime.Reply.Kind.ERROR, invalidReply.kind(), invalidReply.body());
            assertEquals("Runtime.UserException", invalidReply.errorTypeHeader());
            assertEquals("io.filepipe.processor.InvalidEventException",
                    JSON.readTree(invalidReply.body()).path("errorType").asText());

            JsonNode batchResult = JSON.readTree(batchReply.body()).path("results").get(0);
            assertEquals("REJECTED", batchResult.path("status").asText());
            assertEquals("CONTENT_MISMATCH", batchResult.path("reason").asText());

            List<JsonNode> results = lines.stream()
                    .filter(line -> JsonLogs.RESULT_LOGGER.equals(line.path("logger").asText()))
                    .filter(line -> photo.fileId().value().equals(line.path("fileId").asText()))
                    .toList();
            assertEquals(1, results.size(), lines.toString());
            JsonNode result = results.getFirst();
            assertEquals(single.requestId(), result.path("requestId").asText());
            assertEquals(photo.userId().value(), result.path("userId").asText());
            assertEquals("PROCESSED", result.path("status").asText());
            assertEquals("image/png", result.path("contentType").asText());
            assertEquals(item.size(), result.path("bytes").asLong());
            assertTrue(result.path("durationMs").isNumber());
            long metrics = lines.stream()
                    .filter(line -> line.has("_aws") && photo.fileId().value().equals(line.path("fileId").asText()))
                    .count();
            assertEquals(1, metrics, "one EMF document per file");
        }
    }

    @Test
    void theClassPathIsOneJarWhoseManifestListsEveryCopiedDependencyInAFixedOrder() throws IOException {
        List<String> launch = container.entrypoint();
        String classPath = launch.get(launch.indexOf("-cp") + 1);
        assertTrue(launch.stream().noneMatch(arg -> arg.contains("*")),
                "no wildcard: its expansion order is the file system's, and an AOT cache needs the training run's");

        Path jar = Path.of(classPath.replace(container.workdir() + "/", taskRoot + "/"));
        List<Path> listed;
        try (JarFile file = new JarFile(jar.toFile())) {
            listed = Arrays.stream(file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH)
                            .strip().split("\\s+"))
                    .map(entry -> jar.resolveSibling(entry).normalize())
                    .toList();
        }
        List<Path> copied;
        try (var files = Files.walk(jar.getParent())) {
            copied = files.filter(path -> path.toString().endsWith(".jar") && !path.equals(jar)).toList();
        }
        assertEquals(copied.stream().sorted().toList(), listed.stream().sorted().toList(),
                "the manifest lists every jar the image has beside the function's own");
    }

    @Test
    void theFunctionStartsFromTheAotCacheOfTheImagesTrainingRun(TestInfo test) throws Exception {
        List<String> command = container.command();
        String cacheOption = command.stream().filter(arg -> arg.startsWith("-XX:AOTCache=")).findFirst().orElseThrow();
        int at = command.indexOf(cacheOption);
        String script = container.scriptIn(taskRoot);
        assertTrue(script.contains(container.inRoot(String.join(" ", command.subList(0, at)), taskRoot) + " "),
                "the training run starts with ENTRYPOINT's options, or the cache would not match them");
        assertTrue(script.contains(container.inRoot(cacheOption.replace("-XX:AOTCache=", "-XX:AOTCacheOutput=") + " "
                        + String.join(" ", command.subList(at + 1, command.size())), taskRoot) + " >"),
                "it writes the cache ENTRYPOINT reads, with the same class path and handler");
        assertTrue(Files.size(cache) > 0, "the training run wrote the cache");
        String name = test.getTestMethod().orElseThrow().getName();
        Path classLoading = WORK.resolve(name + "-class-load.log");
        Files.deleteIfExists(classLoading);
        FileRef photo = fixture.upload("cached.jpg", TestImages.jpeg(640, 480));
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime();
             // AOTMode=on: a JVM that cannot use the cache (another JDK, class path or GC) refuses to start
             Function function = new Function(lambdaEnvironment(runtime), name,
                     List.of("-XX:AOTMode=on", "-Xlog:class+load=info:file=" + classLoading))) {
            FakeLambdaRuntime.Reply reply = runtime.invoke(TestEvents.keys(photo)).awaitReply(REPLY_TIMEOUT);
            function.stopAndReadJsonLines();

            assertEquals(FakeLambdaRuntime.Reply.Kind.RESPONSE, reply.kind(), reply.body());
            assertTrue(reply.body().contains("\"PROCESSED\""), reply.body());
        }
        // JDK 25 does not notice a jar that changed after training (measured): the handler's classes
        // must come from the cache, or it is not this build's; and the training answered invocations,
        // so the first invocation's own classes (the event's parser, ImageIO's JPEG reader, the
        // thumbnails) come from it too
        List<String> loaded = Files.readAllLines(classLoading);
        for (String invocationClass : List.of(Handler.class.getName(), EventParser.class.getName(),
                Thumbnailer.class.getName(), "com.sun.imageio.plugins.jpeg.JPEGImageReader")) {
            assertTrue(loaded.stream().anyMatch(line -> line.contains(" " + invocationClass + " source: shared objects file")),
                    invocationClass + " came from the training run's cache; see " + classLoading);
        }
        long fromCache = loaded.stream().filter(line -> line.contains("source: shared objects file")).count();
        assertTrue(fromCache > 3_000, "only " + fromCache + " classes came from the training run's cache");
    }

    @Test
    void transientFailureReachesTheWorkflowAsRetryable(TestInfo test) throws Exception {
        FileRef file = fixture.upload("later.txt", "try again".getBytes(StandardCharsets.UTF_8));
        int closedPort = LocalPorts.free();
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = lambdaEnvironment(runtime);
            env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + closedPort);
            FakeLambdaRuntime.Invocation invocation = runtime.invoke(TestEvents.keys(file));
            FakeLambdaRuntime.Reply reply;
            List<JsonNode> lines;
            try (Function function = new Function(env, test.getTestMethod().orElseThrow().getName())) {
                reply = invocation.awaitReply(REPLY_TIMEOUT);
                lines = function.stopAndReadJsonLines();
            }

            assertEquals(FakeLambdaRuntime.Reply.Kind.ERROR, reply.kind(), reply.body());
            assertEquals("io.filepipe.processor.RetryableProcessingException",
                    JSON.readTree(reply.body()).path("errorType").asText());
            FileRecord item = fixture.item(file);
            assertEquals(FileStatus.PENDING, item.status(), "the claim was handed back for the retry");
            assertEquals(1, item.attempts());
            assertTrue(lines.stream().noneMatch(line -> JsonLogs.RESULT_LOGGER.equals(line.path("logger").asText())),
                    "an attempt that will be retried writes no result line");
            assertTrue(lines.stream().anyMatch(line -> "WARN".equals(line.path("level").asText())
                    && file.fileId().value().equals(line.path("fileId").asText())), lines.toString());
        }
    }

    @Test
    void missingConfigurationFailsTheInitNamingTheVariable(TestInfo test) throws Exception {
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime()) {
            Map<String, String> env = lambdaEnvironment(runtime);
            env.remove("FILEPIPE_TABLE");
            try (Function function = new Function(env, test.getTestMethod().orElseThrow().getName())) {
                runtime.invoke(TestEvents.keys(fixture.upload("never.txt", "x".getBytes(StandardCharsets.UTF_8))));

                FakeLambdaRuntime.Reply reply = runtime.awaitInitError(REPLY_TIMEOUT);

                JsonNode error = JSON.readTree(reply.body());
                assertEquals("Runtime.BadFunctionCode", reply.errorTypeHeader());
                assertEquals("io.filepipe.core.config.ConfigException", error.path("errorType").asText());
                assertTrue(error.path("errorMessage").asText().contains("FILEPIPE_TABLE"), reply.body());
                assertTrue(function.exitsWithin(Duration.ofSeconds(30)), "the runtime exits after an init error");
                assertEquals(1, function.exitCode());
            }
        }
    }
}
