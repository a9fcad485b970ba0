package io.filepipe.core;

import io.filepipe.core.config.AwsClients;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.embedded.LocalCredentials;
import io.filepipe.embedded.SharedBackends;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Clients for the JVM's shared DynamoDB Local and S3 server, and unique names to isolate tests. */
public final class TestBackends {

    private TestBackends() {
    }

    public static AwsClients clients() {
        AwsSettings settings = AwsSettings.forEndpoints("us-east-1",
                SharedBackends.s3().endpoint(), SharedBackends.dynamoDb().endpoint());
        return new AwsClients(settings, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)));
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
