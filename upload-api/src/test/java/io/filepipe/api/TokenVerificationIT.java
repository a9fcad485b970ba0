package io.filepipe.api;

import static io.filepipe.api.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.api.support.ApiTestStack;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.testsupport.CapturedLogs;
import io.filepipe.testsupport.Await;
import io.filepipe.testsupport.Http;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a token can be wrong ends in 401 with an RFC 6750 challenge, and costs one access-log
 * line, however often it is tried.
 */
class TokenVerificationIT {

    private static final ApiTestStack STACK = ApiTestStack.shared();

    private static JWTClaimsSet.Builder claims() {
        return STACK.issuer.idTokenClaims("mallory");
    }

    private static String signWith(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static Stream<Arguments> badTokens() throws Exception {
        Instant now = Instant.now();
        String valid = STACK.issuer.idToken("mallory");
        String[] parts = valid.split("\\.");
        String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("mallory", "alice").getBytes(StandardCharsets.UTF_8));
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(STACK.issuer.signingKey().getKeyID()).build(), claims().build());
        hs256.sign(new MACSigner(STACK.issuer.signingKey().toRSAPublicKey().getEncoded()));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        RSAKey sameKidOtherKey = new RSAKeyGenerator(2048).keyID(STACK.issuer.signingKey().getKeyID()).generate();
        return Stream.of(
                Arguments.of("malformed", "not.a.jwt"),
                Arguments.of("garbage", "%%%"),
                Arguments.of("alg none", new PlainJWT(new PlainHeader(), claims().build()).serialize()),
                Arguments.of("HS256 keyed with the public key", hs256.serialize()),
                Arguments.of("expired", STACK.issuer.sign(claims().issueTime(Date.from(now.minusSeconds(7200)))
                        .expirationTime(Date.from(now.minusSeconds(3600))).build())),
                Arguments.of("not yet valid", STACK.issuer.sign(claims().notBeforeTime(Date.from(now.plusSeconds(3600))).build())),
                Arguments.of("wrong issuer", STACK.issuer.sign(claims().issuer("https://evil.example.com").build())),
                Arguments.of("wrong audience", STACK.issuer.sign(claims().audience("other-client").build())),
                Arguments.of("access token", STACK.issuer.sign(claims().claim("token_use", "access").build())),
                Arguments.of("no token_use", STACK.issuer.sign(claims().claim("token_use", null).build())),
                Arguments.of("no subject", STACK.issuer.sign(claims().subject(null).build())),
                Arguments.of("subject unsafe for keys", STACK.issuer.sign(claims().subject("../alice").build())),
                Arguments.of("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2]),
                Arguments.of("signature stripped", parts[0] + "." + parts[1] + "."),
                Arguments.of("unknown kid", signWith(stranger, claims().build())),
                Arguments.of("known kid, other key", signWith(sameKidOtherKey, claims().build())),
                Arguments.of("no iat", STACK.issuer.sign(claims().issueTime(null).build())),
                Arguments.of("iat ten years ahead", STACK.issuer.sign(claims().issueTime(Date.from(now.plus(Duration.ofDays(3650))))
                        .expirationTime(Date.from(now.plus(Duration.ofDays(3650)).plusSeconds(3600))).build())),
                Arguments.of("exp a hundred years ahead", STACK.issuer.sign(claims()
                        .expirationTime(Date.from(now.plus(Duration.ofDays(36_500)))).build())),
                Arguments.of("lifetime of 25 hours", STACK.issuer.sign(claims()
                        .expirationTime(Date.from(now.plus(Duration.ofHours(25)))).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokenIsRejected(String name, String token) {
        Http.Response response = Http.send(HttpRequest.newBuilder(STACK.uri("/user"))
                .header("Authorization", "Bearer " + token).build());

        assertProblem(response, 401, "unauthorized");
        assertTrue(response.header("WWW-Authenticate").contains("error=\"invalid_token\""), response.header("WWW-Authenticate"));
    }

    static Stream<Arguments> implausibleTimes() {
        Instant now = Instant.now();
        Instant future = now.plus(Duration.ofDays(3650));
        return Stream.of(
                Arguments.of(claims().issueTime(Date.from(future)).expirationTime(Date.from(future.plusSeconds(3600))).build(),
                        "the token's iat is in the future"),
                Arguments.of(claims().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofDays(36_500)))).build(),
                        "the token lives longer than 24 hours (exp - iat)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("implausibleTimes")
    void aTokenWithTimesNoIssuerWritesIsRefusedSayingWhy(JWTClaimsSet claims, String why) {
        Http.Response response = Http.get(STACK.uri("/user"), STACK.issuer.sign(claims));

        assertProblem(response, 401, "unauthorized");
        assertEquals(why, response.json().get("detail").asText());
        assertTrue(response.header("WWW-Authenticate").contains("error_description=\"" + why + "\""),
                response.header("WWW-Authenticate"));
    }

    @Test
    void sixHundredTokensWithAnUnknownKidAreAllRefusedWithOneShortLogLineEach() throws Exception {
        String stranger = signWith(new RSAKeyGenerator(2048).keyID("made-up-" + UUID.randomUUID()).generate(),
                claims().build());
        int requests = 600;
        List<Http.Response> responses = new ArrayList<>();

        try (CapturedLogs logs = CapturedLogs.start("console", JsonLogs.ACCESS_LOGGER)) {
            for (int i = 0; i < requests; i++) {
                responses.add(Http.get(STACK.uri("/user"), stranger));
            }
            List<JsonNode> lines = Await.until("an access line per request", Duration.ofSeconds(10), logs::all,
                    all -> all.size() >= requests);

            assertEquals(List.of(401), responses.stream().map(Http.Response::status).distinct().toList(),
                    "the statuses answered");
            for (Http.Response response : responses) {
                assertProblem(response, 401, "unauthorized");
                assertEquals("the token is signed by a key the issuer does not publish", response.json().get("detail").asText());
            }
            assertEquals(requests, lines.size(), "one line per request, nothing else");
            for (JsonNode line : lines) {
                assertEquals("filepipe.access", line.path("logger").asText(), line.toString());
                assertEquals(401, line.path("status").asInt(), line.toString());
                assertFalse(line.has("stackTrace") || line.has("error"), line.toString());
            }
            assertTrue(logs.bytes() < requests * 400L, logs.bytes() + " bytes for " + requests + " requests");
        }
    }

    @Test
    void missingTokenGetsAChallengeWithoutAnErrorCode() {
        Http.Response response = Http.get(STACK.uri("/files"), null);
        assertProblem(response, 401, "unauthorized");
        assertEquals("Bearer realm=\"filepipe\"", response.header("WWW-Authenticate"));
    }

    @Test
    void everyProtectedRouteNeedsAToken() {
        for (String path : new String[] {"/user", "/files", "/files/01J0000000000000000000000Z",
                "/files/01J0000000000000000000000Z/content"}) {
            assertEquals(401, Http.get(STACK.uri(path), null).status(), path);
        }
        assertEquals(401, Http.delete(STACK.uri("/files/01J0000000000000000000000Z"), null).status());
        assertEquals(401, Http.postJson(STACK.uri("/upload"), null, "{}").status());
    }
}
