package io.filepipe.testsupport;

import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.embedded.LocalCredentials;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The one way tests (and the bench) reach a local AWS-compatible backend: core's {@link AwsClients}
 * with the {@link LocalCredentials}, which DynamoDB Local requires and S3Proxy, moto and LocalStack
 * accept, and the same settings and keys as the environment of a child process.
 */
public final class LocalClients {

    /** The region every local backend is spoken to in. */
    public static final String REGION = "us-east-1";

    private LocalClients() {
    }

    /** The local key pair as an SDK credentials provider. */
    public static AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY));
    }

    /** Clients for {@code settings} with the local credentials; the caller closes what it builds. */
    public static AwsClients of(AwsSettings settings) {
        return new AwsClients(settings, credentials());
    }

    /** Clients for S3 at {@code s3} and DynamoDB (and its streams) at {@code dynamoDb}, in {@link #REGION}. */
    public static AwsClients forEndpoints(URI s3, URI dynamoDb) {
        return of(AwsSettings.forEndpoints(REGION, s3, dynamoDb));
    }

    /** Clients for a backend that serves every service at one endpoint (moto, LocalStack). */
    public static AwsClients forEndpoint(URI endpoint) {
        return forEndpoints(endpoint, endpoint);
    }

    /**
     * What a child process needs to reach the backends of {@code settings}: the settings as the
     * variables {@link AwsSettings#from} reads, and the local key pair.
     */
    public static Map<String, String> environment(AwsSettings settings) {
        Map<String, String> env = new HashMap<>(settings.toEnvironment());
        env.putAll(LocalCredentials.environment());
        return Map.copyOf(env);
    }
}
