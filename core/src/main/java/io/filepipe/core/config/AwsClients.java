package io.filepipe.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK clients filepipe uses from {@link AwsSettings}: the SDK's URLConnection HTTP
 * client, explicit region and endpoint overrides, so the choice never depends on what else happens
 * to be on the classpath. The URLConnection client is the lightest to start (no connection manager,
 * no public-suffix list, TLS set up at the first HTTPS request; measured in docs/benchmarks.md);
 * its connections are kept alive by the JDK's cache, which keeps {@code http.maxConnections} idle
 * connections per host: set from {@link AwsSettings#httpMaxConnections()} unless the JVM was
 * given one. The caller closes what it builds.
 */
public final class AwsClients {

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;

    /** The JDK's limit of idle keep-alive connections per host (its default, 5, is less than a pool). */
    static final String JDK_MAX_CONNECTIONS = "http.maxConnections";

    public AwsClients(AwsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        if (System.getProperty(JDK_MAX_CONNECTIONS) == null) {
            System.setProperty(JDK_MAX_CONNECTIONS, Integer.toString(settings.httpMaxConnections()));
        }
    }

    /** Clients with the SDK's default credential chain (environment, profile, container, instance). */
    public static AwsClients withDefaultCredentials(AwsSettings settings) {
        return new AwsClients(settings, DefaultCredentialsProvider.builder().build());
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), settings.dynamoDbEndpoint()).httpClient(httpClient()).build();
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return configure(DynamoDbStreamsClient.builder(), settings.streamsEndpoint()).httpClient(httpClient()).build();
    }

    public S3Client s3() {
        return configure(S3Client.builder(), settings.s3Endpoint())
                .forcePathStyle(settings.s3PathStyle())
                .httpClient(httpClient())
                .build();
    }

    public S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.s3PathStyle()).build());
        if (settings.s3Endpoint() != null) {
            builder.endpointOverride(settings.s3Endpoint());
        }
        return builder.build();
    }

    /**
     * Configures any other synchronous SDK client the same way (region, credentials, endpoint
     * override, pooled HTTP client): {@code clients.configure(SfnClient.builder(), settings.stepFunctionsEndpoint()).build()}.
     */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configureSync(B builder, URI endpoint) {
        return configure(builder, endpoint).httpClient(httpClient());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        builder.region(Region.of(settings.region())).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }
}
