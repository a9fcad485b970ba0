package io.filepipe.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

// a condition, not an assumption in @BeforeAll: Surefire counts a class aborted there as 0 tests run
@EnabledIf(value = "io.filepipe.embedded.MotoServer#usableForTests", disabledReason = "moto is not installed")
class MotoServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .build();
    }

    @Test
    void answersOnLoopbackAtItsEndpoint() throws Exception {
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        assertEquals(200, get(moto.endpoint().resolve("/moto-api/")).statusCode());
    }

    @Test
    void resetForgetsEveryResource() {
        try (DynamoDbClient client = dynamo(moto.endpoint())) {
            client.createTable(r -> r.tableName("before-reset")
                    .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"))
                    .keySchema(k -> k.attributeName("PK").keyType("HASH"))
                    .billingMode("PAY_PER_REQUEST"));

            moto.reset();

            assertEquals(List.of(), client.listTables().tableNames());
        }
    }

    @Test
    void closeStopsTheProcess() {
        URI endpoint;
        try (MotoServer own = MotoServer.start()) {
            endpoint = own.endpoint();
        }
        assertThrows(ConnectException.class, () -> get(endpoint.resolve("/moto-api/")));
    }
}
