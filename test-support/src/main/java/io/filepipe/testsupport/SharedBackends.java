package io.filepipe.testsupport;

import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.embedded.EmbeddedDynamoDb;
import io.filepipe.embedded.EmbeddedS3;
import java.util.UUID;

/**
 * One in-memory DynamoDB Local and one in-memory S3 server per JVM, started on first use and
 * stopped when the JVM exits. Starting them costs seconds, so test classes share them and isolate
 * themselves with their own table and bucket names.
 */
public final class SharedBackends {

    private static EmbeddedDynamoDb dynamo;
    private static EmbeddedS3 s3;

    private SharedBackends() {
    }

    public static synchronized EmbeddedDynamoDb dynamoDb() {
        if (dynamo == null) {
            dynamo = EmbeddedDynamoDb.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(dynamo::close, "stop-dynamodb-local"));
        }
        return dynamo;
    }

    public static synchronized EmbeddedS3 s3() {
        if (s3 == null) {
            s3 = EmbeddedS3.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "stop-s3-server"));
        }
        return s3;
    }

    /** Settings that point S3 and DynamoDB (and its streams) at the shared servers, in {@link LocalClients#REGION}. */
    public static AwsSettings settings() {
        return AwsSettings.forEndpoints(LocalClients.REGION, s3().endpoint(), dynamoDb().endpoint());
    }

    /** Clients for the shared servers, with the local credentials; the caller closes what it builds. */
    public static AwsClients clients() {
        return LocalClients.of(settings());
    }

    /** A fresh name that keeps a test apart from the others on a shared backend: lower-case letters, digits and dashes, valid as a table, a bucket and a user. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
