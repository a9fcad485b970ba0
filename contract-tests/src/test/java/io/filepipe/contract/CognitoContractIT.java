package io.filepipe.contract;

import static io.filepipe.contract.MotoApi.JsonService.COGNITO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.ApiConfig;
import io.filepipe.api.UploadApi;
import io.filepipe.core.config.Env;
import io.filepipe.testsupport.Http;
import io.filepipe.testsupport.LocalClients;
import io.filepipe.testsupport.SharedBackends;
import io.filepipe.testsupport.RequiresMoto;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upload API configured as on AWS, but against moto: a user pool and app client like the ones
 * Pulumi creates, tokens from AdminInitiateAuth, and the table and bucket in moto as well.
 */
@RequiresMoto
class CognitoContractIT {

    private static final String PASSWORD = "Contract-Test-1";

    private static MotoApi moto;
    private static UploadApi api;
    private static String bucket;
    private static String username;
    private static String email;
    private static String sub;
    private static String idToken;
    private static String accessToken;

    @BeforeAll
    static void userPoolUserAndApi() {
        moto = MotoApi.shared();
        String poolId = moto.ok(COGNITO, "CreateUserPool", Map.of("PoolName", SharedBackends.uniqueName("filepipe")))
                .at("/UserPool/Id").asText();
        // without ReadAttributes moto leaves email out of the IdToken
        String clientId = moto.ok(COGNITO, "CreateUserPoolClient", Map.of(
                "UserPoolId", poolId,
                "ClientName", "filepipe-api",
                "GenerateSecret", false,
                "ExplicitAuthFlows", List.of("ADMIN_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"),
                "ReadAttributes", List.of("email"))).at("/UserPoolClient/ClientId").asText();
        username = SharedBackends.uniqueName("alice");
        email = username + "@example.com";
        JsonNode user = moto.ok(COGNITO, "AdminCreateUser", Map.of(
                "UserPoolId", poolId,
                "Username", username,
                "MessageAction", "SUPPRESS",
                "UserAttributes", List.of(Map.of("Name", "email", "Value", email)))).get("User");
        sub = attribute(user, "sub");
        moto.ok(COGNITO, "AdminSetUserPassword", Map.of(
                "UserPoolId", poolId, "Username", username, "Password", PASSWORD, "Permanent", true));
        JsonNode tokens = moto.ok(COGNITO, "AdminInitiateAuth", Map.of(
                "UserPoolId", poolId,
                "ClientId", clientId,
                "AuthFlow", "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters", Map.of("USERNAME", username, "PASSWORD", PASSWORD))).get("AuthenticationResult");
        idToken = tokens.get("IdToken").asText();
        accessToken = tokens.get("AccessToken").asText();

        bucket = SharedBackends.uniqueName("uploads");
        ApiConfig config = Env.parse(Map.of(
                "FILEPIPE_TABLE", SharedBackends.uniqueName("files"),
                "FILEPIPE_BUCKET", bucket,
                // tokens name the AWS issuer; moto serves the keys at its own address
                "FILEPIPE_ISSUER", "https://cognito-idp." + MotoApi.REGION + ".amazonaws.com/" + poolId,
                "FILEPIPE_AUDIENCE", clientId,
                "FILEPIPE_JWKS_URL", moto.endpoint().resolve("/" + poolId + "/.well-known/jwks.json").toString(),
                "FILEPIPE_CREATE_RESOURCES", "true",
                "FILEPIPE_BIND_HOST", "127.0.0.1",
                "PORT", "0",
                "AWS_REGION", MotoApi.REGION,
                "AWS_ENDPOINT_URL", moto.endpoint().toString()), ApiConfig::from);
        api = UploadApi.start(config, LocalClients.of(config.aws()));
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    private static String attribute(JsonNode user, String name) {
        return StreamSupport.stream(user.get("Attributes").spliterator(), false)
                .filter(a -> a.get("Name").asText().equals(name))
                .findFirst().orElseThrow().get("Value").asText();
    }

    private static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token);
    }

    @Test
    void idTokenOfTheUserPoolIdentifiesTheUser() {
        Http.Response reply = Http.send(request("/user", idToken).GET());

        assertEquals(200, reply.status(), reply.body());
        assertEquals(Http.JSON.valueToTree(Map.of("sub", sub, "username", username, "email", email)), reply.json());
    }

    @Test
    void accessTokenOfTheUserPoolIsRejected() {
        Http.Response reply = Http.send(request("/user", accessToken).GET());

        assertEquals(401, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals(401, reply.json().get("status").asInt());
    }

    @Test
    void uploadWithTheIdTokenIsStoredUnderTheUsersSub() {
        String body = Http.write(Map.of(
                "file_name", "hello.txt",
                "file_data", Base64.getEncoder().encodeToString("hello, moto".getBytes(StandardCharsets.UTF_8))));

        Http.Response reply = Http.send(request("/upload", idToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertEquals(201, reply.status(), reply.body());
        assertEquals("PENDING", reply.json().get("status").asText());
        String s3Path = reply.json().get("s3_path").asText();
        assertTrue(s3Path.startsWith("s3://" + bucket + "/uploads/" + sub + "/"), s3Path);
    }
}
