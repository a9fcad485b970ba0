package io.filepipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.api.ApiConfig;
import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.Sha256;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.store.DynamoDbFileStore;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.FileTable;
import io.filepipe.core.store.SweepShards;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.processor.ProcessorConfig;
import io.filepipe.processor.ProcessorTimeouts;
import io.filepipe.testsupport.LocalClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The backends child ({@link BackendsMain}) seen from the bench: its endpoints, the bench's own
 * SDK clients on them (built by core's {@link AwsClients}, exactly as the API builds its own), one
 * table and one bucket, tokens from its issuer, and the environment that points an API or a
 * processor at it.
 */
final class Backends implements AutoCloseable {

    static final String CLIENT_ID = "filepipe-local";
    static final String REGION = "us-east-1";
    static final String TABLE = "bench-files";
    static final String BUCKET = "bench-uploads";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final boolean inMemory;
    private final String issuer;
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3BlobStore blobs;
    private final DynamoDbFileStore files;
    private final AwsSettings settings;
    private final AwsClients clients;

    private Backends(ChildProcess process, boolean inMemory, JsonNode endpoints) {
        this.process = process;
        this.inMemory = inMemory;
        this.issuer = endpoints.get("issuer").asText();
        this.settings = AwsSettings.forEndpoints(REGION, URI.create(endpoints.get("s3").asText()),
                URI.create(endpoints.get("dynamodb").asText()));
        this.clients = LocalClients.of(settings);
        this.dynamo = clients.dynamoDb();
        this.s3 = clients.s3();
        this.presigner = clients.s3Presigner();
        FileTable.createIfMissing(dynamo, TABLE);
        s3.createBucket(r -> r.bucket(BUCKET));
        this.blobs = new S3BlobStore(s3, presigner, BUCKET);
        this.files = new DynamoDbFileStore(dynamo, TABLE, SweepShards.DEFAULTS);
    }

    /** Starts the child in memory, or on disk under {@code dataDir}, and creates the table and bucket. */
    static Backends start(Toolchain tools, boolean inMemory, Path dataDir, Path logDir) {
        List<String> command = new ArrayList<>(tools.benchJava());
        command.add("-Xmx4g");
        command.add(BackendsMain.class.getName());
        command.add(inMemory ? "--in-memory" : dataDir.toString());
        ChildProcess child = ChildProcess.start("backends", command, Map.of(), logDir,
                logDir.resolve(inMemory ? "backends-memory.log" : "backends-disk.log"));
        try {
            String line = child.awaitLine(l -> l.startsWith(BackendsMain.READY), Duration.ofSeconds(90));
            return new Backends(child, inMemory, JSON.readTree(line.substring(BackendsMain.READY.length())));
        } catch (IOException | RuntimeException e) {
            child.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    boolean inMemory() {
        return inMemory;
    }

    ChildProcess process() {
        return process;
    }

    AwsSettings settings() {
        return settings;
    }

    S3BlobStore blobs() {
        return blobs;
    }

    DynamoDbFileStore files() {
        return files;
    }

    /** Does what the upload API does for a file: stores the object, then writes its PENDING item. */
    FileRecord storePending(String user, String fileName, byte[] data) {
        return storePending(files, user, fileName, data);
    }

    /** {@link #storePending(String, String, byte[])} with the item in another table's store. */
    FileRecord storePending(FileStore into, String user, String fileName, byte[] data) {
        Instant now = Timestamps.truncate(Instant.now());
        FileRecord record = FileRecord.pending(new UserId(LocalTokenIssuer.subjectOf(user)), FileId.newId(now),
                FileName.of(fileName), "bench", data.length, ContentSniffer.sniff(data).mimeType(),
                Sha256.hex(data), now);
        blobs.put(record.s3Key(), data, record.contentType(), Sha256.of(data));
        into.create(record);
        return record;
    }

    /** Removes every uploaded object, so that in-memory runs do not pile up gigabytes between cells. */
    void clearUploads() {
        blobs.deletePrefix("uploads/");
        blobs.deletePrefix("derived/");
    }

    /** A fresh IdToken for {@code user} from the issuer, as the local stack's {@code token} command gets one. */
    String token(String user) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(issuer + "/token?user=" + user)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token issuer answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("IdToken").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token issuer unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * What the API needs besides its port (which {@link ApiProcess} sets): table, bucket, issuer,
     * endpoints, credentials, loopback only.
     */
    Map<String, String> apiEnvironment() {
        return withCredentials(ApiConfig.of(TABLE, BUCKET, issuer, CLIENT_ID, "127.0.0.1", ApiConfig.DEFAULT_PORT,
                SweepShards.DEFAULTS, settings).toEnvironment());
    }

    /** What the processor needs: table, bucket, endpoints, credentials. */
    Map<String, String> processorEnvironment() {
        return withCredentials(ProcessorConfig.of(TABLE, BUCKET, ProcessorTimeouts.defaults(), SweepShards.DEFAULTS, settings).toEnvironment());
    }

    private static Map<String, String> withCredentials(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(LocalCredentials.environment());
        return Map.copyOf(all);
    }

    @Override
    public void close() {
        try (dynamo; s3; presigner) {
            process.close();
        }
    }
}
