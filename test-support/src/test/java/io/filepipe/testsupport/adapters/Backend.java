package io.filepipe.testsupport.adapters;

import io.filepipe.core.config.AwsClients;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.MotoServer;
import io.filepipe.testsupport.SharedBackends;
import java.net.URI;

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

    /**
     * Clients for this backend; the caller closes what it builds from them. A test class on moto is
     * {@link io.filepipe.testsupport.RequiresMoto}, one on the endpoint {@link RequiresEndpoint}.
     */
    public AwsClients clients() {
        return switch (this) {
            case LOCAL -> SharedBackends.clients();
            case MOTO -> LocalClients.forEndpoint(MotoServer.shared().endpoint());
            case ENDPOINT -> LocalClients.forEndpoint(URI.create(configuredEndpoint()));
        };
    }

    /** Whether an endpoint is configured; {@link RequiresEndpoint} asks. */
    static boolean endpointConfigured() {
        return configuredEndpoint() != null;
    }

    static String configuredEndpoint() {
        String property = System.getProperty(ENDPOINT_PROPERTY);
        return property != null && !property.isBlank() ? property : System.getenv(ENDPOINT_VARIABLE);
    }
}
