package io.filepipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filepipe.api.ApiConfig;
import io.filepipe.api.UploadApi;
import io.filepipe.api.upload.LargeUploadLimits;
import io.filepipe.api.upload.UploadLimits;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.reconcile.ReconcileReport;
import io.filepipe.core.reconcile.Reconciler;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.embedded.EmbeddedS3;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.emulators.PrivateFiles;
import io.filepipe.emulators.Sleeper;
import io.filepipe.emulators.pipes.EventBusTarget;
import io.filepipe.emulators.pipes.PipeRunner;
import io.filepipe.emulators.workflow.DynamoDbUpdateItemResource;
import io.filepipe.emulators.workflow.ExecutionLog;
import io.filepipe.emulators.workflow.ExecutionResult;
import io.filepipe.emulators.workflow.LambdaFunction;
import io.filepipe.emulators.workflow.LambdaInvokeResource;
import io.filepipe.emulators.workflow.StateMachine;
import io.filepipe.emulators.workflow.WorkflowRunner;
import io.filepipe.processor.FileProcessor;
import io.filepipe.processor.Handler;
import io.filepipe.processor.ProcessorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The whole pipeline in one JVM, on loopback: DynamoDB Local (stream on), an S3 server, a token
 * issuer, the upload API, the {@link PipeRunner} running the deployed filter, and the
 * {@link WorkflowRunner} running the deployed state machine with the processor in process, and a
 * second {@link PipeRunner} running the events pipe's filter and input template into the
 * {@link LocalEventBus} ({@code <data-dir>/events/}, and webhooks).
 * Everything is stopped, in reverse order, by {@link #close()}.
 */
public final class DevStack implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String TABLE = "filepipe-files";
    /** The local table's sweep index layout: the API, the processor and the reconcile command share it. */
    public static final SweepShards SWEEP_SHARDS = SweepShards.DEFAULTS;
    public static final String BUCKET = "filepipe-uploads";
    public static final String CLIENT_ID = "filepipe-local";
    public static final String PROCESSOR_ARN = "arn:aws:lambda:us-east-1:000000000000:function:filepipe-processor";
    static final String ACCOUNT = "000000000000";
    static final Duration PIPE_POLL_INTERVAL = Duration.ofMillis(100);

    private final StackOptions options;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private EmbeddedDynamoDb dynamoServer;
    private EmbeddedS3 s3Server;
    private LocalTokenIssuer issuer;
    private UploadApi api;
    private WorkflowRunner workflow;
    private PipeRunner pipe;
    private PipeRunner eventsPipe;
    private FileStore files;
    private S3BlobStore blobs;

    private DevStack(StackOptions options) {
        this.options = options;
    }

    /** Starts the stack with the real processor. */
    public static DevStack start(StackOptions options) {
        return start(options, UnaryOperator.identity());
    }

    /**
     * Starts the stack with the in-process processor wrapped by {@code processor} before the
     * workflow's {@code lambda:invoke} gets it: fault-injection tests use it to make the function
     * fail, hang or lose its work, the way a Lambda can.
     */
    public static DevStack start(StackOptions options, UnaryOperator<LambdaFunction> processor) {
        DevStack stack = new DevStack(options);
        try {
            stack.startAll(processor);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private void startAll(UnaryOperator<LambdaFunction> processorWrapper) {
        Path dir = options.dataDir();
        keep(DataDirLock.acquire(dir));
        // only the holder of the lock removes the stack file, after everything else has stopped
        AutoCloseable removeStackFile = () -> Files.deleteIfExists(StackFile.path(dir));
        keep(removeStackFile);
        refuseBusyPort();
        try {
            PrivateFiles.restrict(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private", e);
        }
        Path logs = privateDirectory(dir.resolve("logs"));
        keep(JsonLogFile.attach(JsonLogs.RESULT_LOGGER, logs.resolve(LogsCommand.RESULTS)));
        keep(JsonLogFile.attach(JsonLogs.ACCESS_LOGGER, logs.resolve(LogsCommand.REQUESTS)));
        // DynamoDB Local and S3Proxy create their files with the process's umask: their directories keep them private
        dynamoServer = keep(options.inMemory() ? EmbeddedDynamoDb.inMemory()
                : EmbeddedDynamoDb.onDisk(privateDirectory(dir.resolve("dynamodb"))));
        s3Server = keep(options.inMemory() ? EmbeddedS3.inMemory() : EmbeddedS3.onDisk(privateDirectory(dir.resolve("s3"))));
        issuer = keep(LocalTokenIssuer.start(options.inMemory() ? null : dir.resolve("signing-key.json"), 0, CLIENT_ID,
                Clock.systemUTC()));

        AwsClients clients = new AwsClients(AwsSettings.forEndpoints(REGION, s3Server.endpoint(), dynamoServer.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)));
        DynamoDbClient dynamo = keep(clients.dynamoDb());
        DynamoDbStreamsClient streams = keep(clients.dynamoDbStreams());
        S3Client s3 = keep(clients.s3());
        S3Presigner presigner = keep(clients.s3Presigner());
        String streamArn = FileTable.createIfMissing(dynamo, TABLE).latestStreamArn();
        S3BlobStore.createBucketIfMissing(s3, BUCKET);

        S3BlobStore blobs = new S3BlobStore(s3, presigner, BUCKET);
        files = new DynamoDbFileStore(dynamo, TABLE, SWEEP_SHARDS);
        AwsSettings aws = AwsSettings.forEndpoints(REGION, s3Server.endpoint(), dynamoServer.endpoint());
        LambdaFunction processor = processorWrapper.apply(processorFunction(aws, files, blobs, options.lease()));
        Sleeper sleeper = scaled(options.timeScale());
        workflow = workflow(dynamo, processor, sleeper, options.inMemory() ? null : dir.resolve("executions"));
        this.blobs = blobs;
        pipe = keep(new PipeRunner(streams, streamArn, REGION, PipelineDefinition.filterPattern(),
                PipelineDefinition.settings(), this::runWorkflow, options.inMemory() ? null : dir.resolve("pipe"),
                PIPE_POLL_INTERVAL, sleeper, Clock.systemUTC()).start());
        LocalEventBus bus = keep(new LocalEventBus(privateDirectory(dir.resolve("events")), options.webhooks(), sleeper));
        eventsPipe = keep(new PipeRunner(streams, streamArn, REGION, PipelineDefinition.eventsFilterPattern(),
                PipelineDefinition.settings(), new EventBusTarget(PipelineDefinition.EVENT_SOURCE,
                        PipelineDefinition.EVENT_DETAIL_TYPE_PATH, PipelineDefinition.eventsInputTemplate(), ACCOUNT,
                        REGION, bus, Clock.systemUTC()),
                options.inMemory() ? null : dir.resolve("events-pipe"), PIPE_POLL_INTERVAL, sleeper,
                Clock.systemUTC()).start());

        api = keep(startApi(clients));
        // the web app's callback and sign-out URL, as the app client on AWS lists the API's URL
        issuer.allowRedirect(URI.create(apiUrl() + "/"));
        if (options.host().equals(StackOptions.DEFAULT_HOST)) {
            issuer.allowRedirect(URI.create("http://localhost:" + api.port() + "/"));
        }
        writeStackFile(streamArn);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reconciler").daemon(true).factory());
        long every = options.reconcileEvery().toMillis();
        // one reconciler for all periodic runs: its orphan scan goes on where the last run stopped
        Reconciler periodic = reconciler(Clock.systemUTC());
        scheduler.scheduleWithFixedDelay(() -> reconcileQuietly(periodic), every, every, TimeUnit.MILLISECONDS);
        keep(scheduler::shutdownNow);
    }

    /** Creates {@code dir} (owner only) if missing. */
    private static Path privateDirectory(Path dir) {
        try {
            return PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * Fails in a moment, before the backends start, when the API's fixed port is taken; the
     * API's own start catches the rare port taken between this check and it.
     */
    private void refuseBusyPort() {
        if (options.apiPort() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(options.host(), options.apiPort()));
        } catch (BindException e) {
            throw new PortInUse(options.host(), options.apiPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the port " + options.apiPort() + " on " + options.host(), e);
        }
    }

    /**
     * The API, verifying tokens by the issuer's name and fetching its keys where its server runs; its
     * web app signs in at the issuer, which serves a Cognito domain's endpoints.
     */
    private UploadApi startApi(AwsClients clients) {
        LargeUploadLimits defaults = LargeUploadLimits.defaults();
        ApiConfig config = new ApiConfig(TABLE, BUCKET, issuer.issuer(), CLIENT_ID, issuer.jwksUri(),
                // S3Proxy refuses checksums bound into presigned PUTs: completion verifies the SHA-256 instead
                UploadLimits.defaults(), new LargeUploadLimits(options.maxLargeFileBytes(), defaults.maxOpenUploads(),
                        defaults.sessionTtl(), defaults.partUrlTtl()), false, ApiConfig.DEFAULT_DOWNLOAD_URL_TTL,
                ApiConfig.DEFAULT_MAX_LIVE_SHARES, options.host(), options.apiPort(), false, SWEEP_SHARDS,
                AwsSettings.onAws(REGION), issuer.url());
        try {
            return UploadApi.start(config, clients);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new PortInUse(options.host(), options.apiPort());
                }
            }
            throw e;
        }
    }

    /** The API's port is taken by another process. */
    public static final class PortInUse extends RuntimeException {
        private final int port;

        PortInUse(String host, int port) {
            super("port " + port + " on " + host + " is in use", null, false, false);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }

    /**
     * Re-drives stuck files through the workflow and removes orphaned objects, as the periodic
     * task does every {@link StackOptions#reconcileEvery()}; {@code clock} decides what counts as old.
     */
    public ReconcileReport reconcile(Clock clock) {
        return reconciler(clock).run();
    }

    private Reconciler reconciler(Clock clock) {
        return new Reconciler(files, blobs, batch -> runWorkflow(batch.name(), 1, batch.toJson()), clock,
                options.reconcile());
    }

    private void reconcileQuietly(Reconciler periodic) {
        try {
            periodic.run();
        } catch (RuntimeException e) {
            System.err.println("local stack: reconciliation failed, retried in " + options.reconcileEvery() + ": " + e);
        }
    }

    /**
     * The stream-processor's handler, in this JVM, against the given backends, with the image budget
     * of the deadline {@link StreamHandlerFunction} gives each call, as on AWS.
     */
    static LambdaFunction processorFunction(AwsSettings aws, FileStore files, BlobStore blobs, Duration lease) {
        ProcessorConfig config = new ProcessorConfig(TABLE, BUCKET, lease, StreamHandlerFunction.TIMEOUTS.imageBudget(),
                ProcessorConfig.DEFAULT_MAX_IMAGE_PIXELS, ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES,
                ProcessorConfig.DEFAULT_MAX_IMAGE_SCANS, ProcessorConfig.DEFAULT_THUMBNAIL_SIZES, SWEEP_SHARDS, aws);
        return new StreamHandlerFunction(new Handler(new FileProcessor(config, files, blobs, Clock.systemUTC(),
                new LoggedMetrics())), "filepipe-processor");
    }

    /** The deployed state machine, run locally with the given processor behind {@code lambda:invoke}. */
    static WorkflowRunner workflow(DynamoDbClient dynamo, LambdaFunction processor, Sleeper sleeper, Path historyDir) {
        return new WorkflowRunner(
                StateMachine.parse(PipelineDefinition.workflow(Map.of(
                        PipelineDefinition.PROCESSOR_FUNCTION_ARN, PROCESSOR_ARN,
                        PipelineDefinition.TABLE_NAME, TABLE))),
                Map.of(LambdaInvokeResource.ARN, new LambdaInvokeResource(Map.of(PROCESSOR_ARN, processor)),
                        DynamoDbUpdateItemResource.ARN, new DynamoDbUpdateItemResource(dynamo)),
                sleeper, new Random(), Clock.systemUTC(), historyDir == null ? null : new ExecutionLog(historyDir, DevStack::itemKeys));
    }

    /**
     * What an execution's history keeps of its input, a batch of stream records: each record's id,
     * event and the keys of its item, never the item itself (which holds file names and comments).
     */
    static JsonNode itemKeys(JsonNode batch) {
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        for (JsonNode record : batch) {
            ObjectNode kept = keys.addObject();
            kept.set("eventID", record.get("eventID"));
            kept.set("eventName", record.get("eventName"));
            ObjectNode dynamodb = kept.putObject("dynamodb");
            dynamodb.set("Keys", record.path("dynamodb").get("Keys"));
            dynamodb.set("SequenceNumber", record.path("dynamodb").get("SequenceNumber"));
        }
        return keys;
    }

    /** The pipe's target: a synchronous execution, like an Express workflow called with REQUEST_RESPONSE. */
    private void runWorkflow(String batchId, int attempt, ArrayNode batch) {
        execute(workflow, batchId + "-" + attempt, batch);
    }

    /** Runs one execution and throws {@link WorkflowFailed} unless it succeeded. */
    static void execute(WorkflowRunner workflow, String name, ArrayNode input) {
        if (workflow.execute(name, input) instanceof ExecutionResult.Failed failed) {
            throw new WorkflowFailed(failed.error() + ": " + failed.cause());
        }
    }

    /** The workflow execution for a batch failed; the pipe retries the batch. */
    static final class WorkflowFailed extends RuntimeException {
        WorkflowFailed(String message) {
            super(message, null, false, false);
        }
    }

    private static Sleeper scaled(double factor) {
        return duration -> Sleeper.REAL.sleep(Duration.ofNanos(Math.round(duration.toNanos() * factor)));
    }

    private void writeStackFile(String streamArn) {
        new StackFile(apiUrl(), REGION, TABLE, BUCKET, streamArn, dynamoServer.endpoint(), s3Server.endpoint(),
                issuer.issuer(), issuer.jwksUri(), issuer.tokenUri("dev"), CLIENT_ID,
                LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY, options.inMemory(),
                ProcessHandle.current().pid())
                .write(options.dataDir());
    }

    public URI apiUrl() {
        return URI.create("http://" + options.host() + ":" + api.port());
    }

    /** The pipe, for tests that wait until it has read the stream ({@link PipeRunner#awaitPasses}). */
    PipeRunner pipe() {
        return pipe;
    }

    /** The events pipe (stream to the local event bus), for tests that wait until it has read the stream. */
    PipeRunner eventsPipe() {
        return eventsPipe;
    }

    /** The S3 server, for fault-injection tests that stop it. */
    EmbeddedS3 s3Server() {
        return s3Server;
    }

    /** The DynamoDB server, for fault-injection tests that stop it. */
    EmbeddedDynamoDb dynamoServer() {
        return dynamoServer;
    }

    public LocalTokenIssuer issuer() {
        return issuer;
    }

    public StackOptions options() {
        return options;
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("local stack: stopping " + resource.getClass().getSimpleName() + " failed: " + e);
            }
        }
        resources.clear();
    }
}
