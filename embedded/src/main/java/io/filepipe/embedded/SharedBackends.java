package io.filepipe.embedded;

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
}
