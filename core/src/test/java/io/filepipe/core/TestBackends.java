package io.filepipe.core;

import io.filepipe.core.config.AwsClients;
import java.util.UUID;

/** Clients for the JVM's shared DynamoDB Local and S3 server, and unique names to isolate tests. */
public final class TestBackends {

    private TestBackends() {
    }

    public static AwsClients clients() {
        return Backend.LOCAL.clients();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
