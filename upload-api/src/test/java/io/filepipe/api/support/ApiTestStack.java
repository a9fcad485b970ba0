package io.filepipe.api.support;

import io.filepipe.api.ApiConfig;
import io.filepipe.api.UploadApi;
import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.FileTable;
import io.filepipe.embedded.LocalTokenIssuer;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.SharedBackends;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A running upload API on real backends (the JVM's shared DynamoDB Local and S3 server, a table
 * and bucket of its own) with a local token issuer, plus direct clients to inspect what it stored.
 */
public final class ApiTestStack implements AutoCloseable {

    public static final String CLIENT_ID = "test-client";
    public static final long MAX_BODY_BYTES = 300_000;
    public static final long MAX_FILE_BYTES = 200_000;
    public static final int MAX_COMMENT_CHARS = 200;

    private static ApiTestStack shared;

    public final LocalTokenIssuer issuer;
    public final UploadApi api;
    public final DynamoDbClient dynamo;
    public final S3Client s3;
    public final String table;
    public final String bucket;
    public final AwsClients clients;

    private ApiTestStack(Map<String, String> overrides, URI dynamoEndpoint, Clock clock) {
        table = SharedBackends.uniqueName("files");
        bucket = SharedBackends.uniqueName("uploads");
        clients = LocalClients.forEndpoints(SharedBackends.s3().endpoint(), dynamoEndpoint);
        dynamo = clients.dynamoDb();
        s3 = clients.s3();
        FileTable.createIfMissing(dynamo, table);
        s3.createBucket(r -> r.bucket(bucket));
        issuer = LocalTokenIssuer.start(CLIENT_ID);
        Map<String, String> env = new HashMap<>(Map.of(
                "FILEPIPE_TABLE", table,
                "FILEPIPE_BUCKET", bucket,
                "FILEPIPE_ISSUER", issuer.issuer(),
                "FILEPIPE_AUDIENCE", CLIENT_ID,
                "FILEPIPE_MAX_BODY_BYTES", Long.toString(MAX_BODY_BYTES),
                "FILEPIPE_MAX_UPLOAD_BYTES", Long.toString(MAX_FILE_BYTES),
                "FILEPIPE_MAX_COMMENT_CHARS", Integer.toString(MAX_COMMENT_CHARS),
                "FILEPIPE_BIND_HOST", "127.0.0.1",
                "PORT", "0",
                "AWS_REGION", LocalClients.REGION));
        env.putAll(overrides);
        api = UploadApi.start(Env.parse(env, ApiConfig::from), clients, clock);
    }

    /** One stack per JVM, for tests that only need isolation by user. */
    public static synchronized ApiTestStack shared() {
        if (shared == null) {
            shared = new ApiTestStack(Map.of(), SharedBackends.dynamoDb().endpoint(), Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-api-test-stack"));
        }
        return shared;
    }

    /** A stack of its own whose API talks to DynamoDB at {@code dynamoEndpoint}. */
    public static ApiTestStack withDynamoDbAt(URI dynamoEndpoint) {
        return new ApiTestStack(Map.of(), dynamoEndpoint, Clock.systemUTC());
    }

    /** A stack of its own whose API tells the time by {@code clock}, with the variables {@code overrides} set on top of the test environment. */
    public static ApiTestStack withClock(Clock clock, Map<String, String> overrides) {
        return new ApiTestStack(overrides, SharedBackends.dynamoDb().endpoint(), clock);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    /** A fresh user name, so tests never see each other's files. */
    public static String newUser() {
        return SharedBackends.uniqueName("user");
    }

    public String tokenFor(String user) {
        return issuer.idToken(user);
    }

    public static String subOf(String user) {
        return LocalTokenIssuer.subjectOf(user);
    }

    /** Every item stored under the user's partition (files, idempotency records, upload sessions). */
    public List<Map<String, AttributeValue>> itemsOf(String user) {
        return dynamo.query(r -> r.tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("USER#" + subOf(user))))
                .consistentRead(true)).items();
    }

    /** Every object key stored for the user. */
    public List<String> objectsOf(String user) {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix("uploads/" + subOf(user) + "/"))
                .contents().stream().map(S3Object::key).toList();
    }

    @Override
    public void close() {
        try (dynamo; s3; issuer) {
            api.close();
        }
    }
}
