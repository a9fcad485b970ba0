package io.filepipe.api;

import io.filepipe.api.auth.TokenVerifier;
import io.filepipe.api.files.FileService;
import io.filepipe.api.http.ApiServer;
import io.filepipe.api.http.InFlightRequests;
import io.filepipe.api.http.WebApp;
import io.filepipe.api.shares.ShareService;
import io.filepipe.api.upload.LargeUploadRequestParser;
import io.filepipe.api.upload.LargeUploadService;
import io.filepipe.api.upload.UploadRequestParser;
import io.filepipe.api.upload.UploadService;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileTable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The upload API wired from its configuration: clients, stores, verifier, services and the HTTP
 * server. Closing it stops the server and then the clients.
 */
public final class UploadApi implements AutoCloseable {

    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final ApiServer server;

    private UploadApi(DynamoDbClient dynamo, S3Client s3, S3Presigner presigner, ApiServer server) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.presigner = presigner;
        this.server = server;
    }

    /** Builds everything and starts listening on the configured host and port. */
    public static UploadApi start(ApiConfig config, AwsClients clients) {
        return start(config, clients, Clock.systemUTC());
    }

    /**
     * As {@link #start(ApiConfig, AwsClients)}, telling time by {@code clock}: uploads, their sessions and
     * share links (tests move it to expire sessions and links).
     */
    public static UploadApi start(ApiConfig config, AwsClients clients, Clock clock) {
        DynamoDbClient dynamo = clients.dynamoDb();
        S3Client s3 = clients.s3();
        S3Presigner presigner = clients.s3Presigner();
        if (config.createResources()) {
            createResources(dynamo, s3, config);
        }
        var blobs = new S3BlobStore(s3, presigner, config.bucket(), config.signChecksums());
        var files = new DynamoDbFileStore(dynamo, config.table(), config.sweepShards());
        var uploads = new UploadService(blobs, files, clock);
        var server = new ApiServer(
                new TokenVerifier(config.issuer(), config.audience(), config.jwksUri()),
                new UploadRequestParser(config.limits()),
                uploads,
                new LargeUploadRequestParser(config.limits()),
                new LargeUploadService(blobs, files, uploads, config.largeUploads(), clock),
                new FileService(files, blobs, config.downloadUrlTtl()),
                new ShareService(files, blobs, clock, config.maxLiveShares(), config.downloadUrlTtl()),
                config.downloadUrlTtl(),
                new WebApp(config.signInUrl(), config.audience(), () -> storageOrigin(blobs)));
        return new UploadApi(dynamo, s3, presigner, server.start(config.host(), config.port()));
    }

    /**
     * Where presigned URLs point, as the presigner makes them (the global or regional virtual host
     * on AWS, the endpoint override locally): presigning is computed in process, nothing is contacted.
     */
    private static URI storageOrigin(S3BlobStore blobs) {
        return WebApp.originOf(blobs.presignGet("origin", Duration.ofMinutes(1), "origin"));
    }

    /** For development stacks only: on AWS the table and bucket belong to the infrastructure code. */
    private static void createResources(DynamoDbClient dynamo, S3Client s3, ApiConfig config) {
        FileTable.createIfMissing(dynamo, config.table());
        S3BlobStore.createBucketIfMissing(s3, config.bucket());
    }

    public int port() {
        return server.port();
    }

    /** Every route the server serves, as {@code METHOD /path}: what {@link ApiRoutes} must list. */
    public List<String> routes() {
        return server.routes();
    }

    /** The requests being answered, which a stop waits for. */
    public InFlightRequests inFlight() {
        return server.inFlight();
    }

    @Override
    public void close() {
        try (dynamo; s3; presigner) {
            server.close();
        }
    }
}
