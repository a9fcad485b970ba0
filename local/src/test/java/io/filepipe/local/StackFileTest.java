package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {

    private static final StackFile STACK = new StackFile(URI.create("http://127.0.0.1:8080"), "us-east-1",
            "filepipe-files", "filepipe-uploads", "arn:aws:dynamodb:ddblocal:000000000000:table/filepipe-files/stream/x",
            URI.create("http://127.0.0.1:40233"), URI.create("http://127.0.0.1:41675"), "http://filepipe.local/kid-1",
            URI.create("http://127.0.0.1:36059/.well-known/jwks.json"), URI.create("http://127.0.0.1:36059/token?user=dev"),
            "filepipe-local", "filepipelocal", "filepipelocalsecret", true, 4242);

    @Test
    void whatIsWrittenIsReadBack(@TempDir Path dir) {
        STACK.write(dir);
        assertEquals(STACK, StackFile.read(dir));
        assertFalse(Files.exists(dir.resolve("stack.json.tmp")), "written through a temporary file, then moved");
    }

    @Test
    void aTokenForAnotherUserComesFromWhereTheStackHandsOutTokens() {
        assertEquals(URI.create("http://127.0.0.1:36059/token?user=alice"), STACK.tokenUrl("alice"));
    }

    @Test
    void theFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        STACK.write(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(StackFile.path(dir))));
    }

    @Test
    void theJsonHasTheFieldsTheReadmeDocuments(@TempDir Path dir) throws Exception {
        STACK.write(dir);
        JsonNode json = new ObjectMapper().readTree(StackFile.path(dir).toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("api", "region", "table", "bucket", "streamArn", "dynamodb", "s3", "issuer", "jwks", "token",
                "clientId", "accessKeyId", "secretAccessKey", "inMemory", "pid"), fields);
        assertEquals("http://127.0.0.1:36059/token?user=dev", json.get("token").asText());
        assertEquals("http://127.0.0.1:40233", json.get("dynamodb").asText());
        assertTrue(json.get("inMemory").asBoolean());
        assertEquals(4242, json.get("pid").asLong());
    }

    @Test
    void fieldsThisReaderDoesNotKnowAreIgnored(@TempDir Path dir) throws Exception {
        STACK.write(dir);
        Path file = StackFile.path(dir);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"addedLater\":1,"));
        assertEquals(STACK, StackFile.read(dir));
    }

    @Test
    void aMissingFileSaysNoStackRunsAndHowToStartOne(@TempDir Path dir) {
        StackFile.NoStackRunning e = assertThrows(StackFile.NoStackRunning.class, () -> StackFile.read(dir));
        assertEquals("no stack running in " + dir + ": start one with `java -jar local/target/filepipe-local.jar up`",
                e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        Files.writeString(StackFile.path(dir), "{\"api\": \"http://127.0.0.1:8080\", ");
        StackFile.NoStackRunning e = assertThrows(StackFile.NoStackRunning.class, () -> StackFile.read(dir));
        assertTrue(e.getMessage().startsWith("no stack running in " + dir + ": " + StackFile.path(dir)
                + " is not a stack file ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("start one with `java -jar local/target/filepipe-local.jar up`"),
                e.getMessage());
    }

    @Test
    void aFileWithoutAnEndpointNamesTheMissingField(@TempDir Path dir) throws Exception {
        STACK.write(dir);
        Path file = StackFile.path(dir);
        Files.writeString(file, Files.readString(file).replaceFirst("\"dynamodb\"", "\"dynamo\""));
        StackFile.NoStackRunning e = assertThrows(StackFile.NoStackRunning.class, () -> StackFile.read(dir));
        assertTrue(e.getMessage().contains("'dynamodb'"), e.getMessage());
    }
}
