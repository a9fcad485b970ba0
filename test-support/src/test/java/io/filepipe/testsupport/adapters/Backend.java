package io.filepipe.testsupport.adapters;

import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.MotoServer;
import io.filepipe.embedded.SharedBackends;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The backends the adapters' integration tests run on, with the same tests and the same
 * expectations: two independent implementations of DynamoDB and S3 must agree with the adapters.
 */
public enum Backend {

    /** DynamoDB Local and S3Proxy, shared by the whole JVM. */
    LOCAL,
    /** moto, one Python process shared by the whole JVM; skipped when moto is missing, except under CI=true. */
    MOTO,
    /**
     * Any AWS-compatible endpoint, e.g. LocalStack: the system property {@value #ENDPOINT_PROPERTY} or the
     * environment variable {@value #ENDPOINT_VARIABLE}; skipped when neither is set. The {@code localstack}
     * Maven profile starts LocalStack with Testcontainers and sets the property.
     */
    ENDPOINT;

    public static final String ENDPOINT_PROPERTY = "filepipe.test.awsEndpoint";
    public static final String ENDPOINT_VARIABLE = "FILEPIPE_TEST_AWS_ENDPOINT";

    public static final String REGION = "us-east-1";

    /**
     * Clients for this backend; the caller closes what it builds from them. A test class on moto is
     * {@link io.filepipe.testsupport.RequiresMoto}, one on the endpoint {@link RequiresEndpoint}.
     */
    public AwsClients clients() {
        return switch (this) {
            case LOCAL -> clients(SharedBackends.s3().endpoint(), SharedBackends.dynamoDb().endpoint());
            case MOTO -> {
                URI moto = MotoServer.shared().endpoint();
                yield clients(moto, moto);
            }
            case ENDPOINT -> clients(URI.create(configuredEndpoint()), URI.create(configuredEndpoint()));
        };
    }

    /** A fresh name (bucket, table, user) that keeps a test apart from the others on a shared backend. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Whether an endpoint is configured; {@link RequiresEndpoint} asks. */
    static boolean endpointConfigured() {
        return configuredEndpoint() != null;
    }

    static String configuredEndpoint() {
        String property = System.getProperty(ENDPOINT_PROPERTY);
        return property != null && !property.isBlank() ? property : System.getenv(ENDPOINT_VARIABLE);
    }

    private static AwsClients clients(URI s3, URI dynamoDb) {
        // DynamoDB Local accepts only these keys; moto accepts any
        return new AwsClients(AwsSettings.forEndpoints(REGION, s3, dynamoDb), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)));
    }
}
