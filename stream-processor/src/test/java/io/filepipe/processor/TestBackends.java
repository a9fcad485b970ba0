package io.filepipe.processor;

import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.SharedBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The JVM's shared DynamoDB Local and S3 server, and unique names that keep tests apart on them. */
final class TestBackends {

    static final String REGION = "us-east-1";

    private TestBackends() {
    }

    static AwsSettings settings() {
        return AwsSettings.forEndpoints(REGION, SharedBackends.s3().endpoint(), SharedBackends.dynamoDb().endpoint());
    }

    static AwsClients clients() {
        return clients(settings());
    }

    /** Clients with the backends' credentials for other endpoints, e.g. one where nothing listens. */
    static AwsClients clients(AwsSettings settings) {
        return new AwsClients(settings, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)));
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Lower-case letters, digits and dashes: valid as a bucket, a table and a user id. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
