package io.filepipe.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

// a condition, not an assumption in @BeforeAll: Surefire counts a class aborted there as 0 tests run
@EnabledIf(value = "io.filepipe.testsupport.MotoServer#usableForTests", disabledReason = "moto is not installed")
class MotoServerTest {

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @Test
    void answersOnLoopbackAtItsEndpoint() {
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        assertEquals(200, Http.get(moto.endpoint().resolve("/moto-api/"), null).status());
    }

    @Test
    void resetForgetsEveryResource() {
        try (DynamoDbClient client = LocalClients.forEndpoint(moto.endpoint()).dynamoDb()) {
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
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> Http.get(endpoint.resolve("/moto-api/"), null));
        assertInstanceOf(ConnectException.class, refused.getCause());
    }
}
