package io.filepipe.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedBackendsTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY));

    @Test
    void dynamoDbOnDiskKeepsItemsAcrossRestart(@TempDir Path dir) {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.onDisk(dir); DynamoDbClient client = dynamo(db.endpoint())) {
            client.createTable(r -> r.tableName("table-one")
                    .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"))
                    .keySchema(k -> k.attributeName("PK").keyType("HASH"))
                    .billingMode("PAY_PER_REQUEST"));
            client.putItem(r -> r.tableName("table-one").item(Map.of("PK", AttributeValue.fromS("a"))));
        }
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.onDisk(dir); DynamoDbClient client = dynamo(db.endpoint())) {
            var item = client.getItem(r -> r.tableName("table-one").key(Map.of("PK", AttributeValue.fromS("a")))).item();
            assertEquals("a", item.get("PK").s());
        }
    }

    @Test
    void s3OnDiskStoresObjectsAsFilesUnderTheBucket(@TempDir Path dir) throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir); S3Client client = s3(s3.endpoint())) {
            client.createBucket(r -> r.bucket("bucket-one"));
            client.putObject(r -> r.bucket("bucket-one").key("x/y.txt"), RequestBody.fromString("hello"));
            assertEquals("hello", java.nio.file.Files.readString(dir.resolve("bucket-one/x/y.txt")));
        }
    }

    @Test
    void s3AcceptsADataDirWithDotSegments(@TempDir Path dir) {
        try (EmbeddedS3 s3 = EmbeddedS3.onDisk(dir.resolve("./a/../b")); S3Client client = s3(s3.endpoint())) {
            client.createBucket(r -> r.bucket("bucket-two"));
            assertTrue(java.nio.file.Files.isDirectory(dir.resolve("b/bucket-two")));
        }
    }

    @Test
    void issuerServesTheKeyItSignsWith() throws Exception {
        try (LocalTokenIssuer issuer = LocalTokenIssuer.start("client-1")) {
            String body = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(issuer.jwksUri()).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            SignedJWT token = SignedJWT.parse(issuer.idToken("alice"));
            var key = JWKSet.parse(body).getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
            assertTrue(token.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key)));
            assertEquals(issuer.issuer(), token.getJWTClaimsSet().getIssuer());
            assertEquals("id", token.getJWTClaimsSet().getStringClaim("token_use"));
        }
    }

    @Test
    void tokenEndpointIssuesIdTokensForValidUserNamesOnly() throws Exception {
        try (LocalTokenIssuer issuer = LocalTokenIssuer.start("client-1")) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(java.net.URI.create(issuer.issuer() + "/token?user=carol"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(java.net.URI.create(issuer.issuer() + "/token?user=a%20b"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(ok.body()).get("IdToken");
            assertEquals("carol", SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("cognito:username"));
            assertEquals(400, bad.statusCode());
        }
    }

    @Test
    void issuerWithKeyFileSignsWithTheSameKeyAfterRestart(@TempDir Path dir) {
        Path keyFile = dir.resolve("signing-key.json");
        String first;
        try (LocalTokenIssuer issuer = LocalTokenIssuer.start(keyFile, 0, "c", java.time.Clock.systemUTC())) {
            first = issuer.signingKey().getKeyID();
        }
        try (LocalTokenIssuer issuer = LocalTokenIssuer.start(keyFile, 0, "c", java.time.Clock.systemUTC())) {
            assertEquals(first, issuer.signingKey().getKeyID());
        }
    }

    @Test
    void issuerWithKeyFileKeepsItsNameOnAnotherPortAndServesItsKeysThere(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("signing-key.json");
        try (LocalTokenIssuer first = LocalTokenIssuer.start(keyFile, 0, "c", java.time.Clock.systemUTC());
             LocalTokenIssuer issuer = LocalTokenIssuer.start(keyFile, 0, "c", java.time.Clock.systemUTC());
             HttpClient http = HttpClient.newHttpClient()) {
            assertNotEquals(first.url(), issuer.url());
            assertEquals(first.issuer(), issuer.issuer());
            assertEquals(LocalTokenIssuer.STABLE_ISSUER_PREFIX + issuer.signingKey().getKeyID(), issuer.issuer());
            assertEquals(first.issuer(), SignedJWT.parse(issuer.idToken("dan")).getJWTClaimsSet().getIssuer());
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(issuer.jwksUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(keys.body().contains(issuer.signingKey().getKeyID()), keys.body());
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(issuer.tokenUri("dan")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
        }
    }

    private static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).build();
    }

    private static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(CREDENTIALS).build();
    }
}
