package io.filepipe.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Cognito-domain endpoints of the local issuer: the authorization-code flow with PKCE, and sign-out. */
class HostedSignInTest {

    private static final URI APP = URI.create("http://127.0.0.1:8080/");
    private static final String VERIFIER = "a-verifier-of-enough-length-0123456789-abcdefghijk";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final MovableClock clock = new MovableClock();
    private LocalTokenIssuer issuer;

    /** The issuer's time, moved by a test. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void start() {
        issuer = LocalTokenIssuer.start(null, 0, "web-client", clock);
        issuer.allowRedirect(APP);
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    private Map<String, String> authorization(URI redirect) {
        return Map.of("client_id", "web-client", "redirect_uri", redirect.toString(), "response_type", "code",
                "state", "st4te", "code_challenge", HostedSignIn.challengeOf(VERIFIER), "code_challenge_method", "S256");
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> params) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs {@code user} in through the form and answers the code the issuer redirected with. */
    private String code(String user) throws Exception {
        Map<String, String> params = new java.util.HashMap<>(authorization(APP));
        params.put("username", user);
        HttpResponse<String> answer = post("/oauth2/authorize", params);
        assertEquals(302, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(APP + "?code="), location);
        assertTrue(location.endsWith("&state=st4te"), location);
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    private HttpResponse<String> redeem(String code, String verifier, URI redirect) throws Exception {
        return post("/oauth2/token", Map.of("grant_type", "authorization_code", "client_id", "web-client",
                "code", code, "redirect_uri", redirect.toString(), "code_verifier", verifier));
    }

    @Test
    void theSignInPageIsOneUserNameFieldWithoutScript() throws Exception {
        HttpResponse<String> page = get("/oauth2/authorize?" + form(authorization(APP)));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"username\""), page.body());
        assertFalse(page.body().contains("<script"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
    }

    @Test
    void aCodeRedeemedWithItsVerifierGivesTheUsersIdToken() throws Exception {
        HttpResponse<String> tokens = redeem(code("alice"), VERIFIER, APP);

        assertEquals(200, tokens.statusCode(), tokens.body());
        String idToken = tokens.body().replaceAll(".*\"id_token\":\"([^\"]+)\".*", "$1");
        SignedJWT jwt = SignedJWT.parse(idToken);
        assertTrue(jwt.verify(new RSASSAVerifier(issuer.signingKey().toRSAPublicKey())));
        assertEquals("alice", jwt.getJWTClaimsSet().getStringClaim("cognito:username"));
        assertEquals("id", jwt.getJWTClaimsSet().getStringClaim("token_use"));
        assertEquals(issuer.issuer(), jwt.getJWTClaimsSet().getIssuer());
        assertEquals("*", tokens.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void aVerifierThatDoesNotMatchTheChallengeIsRefused() throws Exception {
        HttpResponse<String> tokens = redeem(code("alice"), VERIFIER + "x", APP);

        assertEquals(400, tokens.statusCode());
        assertEquals("{\"error\":\"invalid_grant\"}", tokens.body());
    }

    @Test
    void aCodeIsRedeemedOnlyOnce() throws Exception {
        String code = code("alice");
        assertEquals(200, redeem(code, VERIFIER, APP).statusCode());

        HttpResponse<String> again = redeem(code, VERIFIER, APP);

        assertEquals(400, again.statusCode());
        assertEquals("{\"error\":\"invalid_grant\"}", again.body());
    }

    @Test
    void aCodeRedeemedAfterItsFiveMinutesIsRefused() throws Exception {
        String code = code("alice");
        clock.now = clock.now.plus(HostedSignIn.CODE_LIFETIME).plusSeconds(1);

        assertEquals(400, redeem(code, VERIFIER, APP).statusCode());
    }

    @Test
    void aRedemptionForAnotherRedirectUriIsRefused() throws Exception {
        URI other = URI.create("http://127.0.0.1:9999/");
        issuer.allowRedirect(other);

        assertEquals(400, redeem(code("alice"), VERIFIER, other).statusCode());
    }

    @Test
    void anAuthorizationForAnUnregisteredRedirectUriIsRefusedWithoutRedirecting() throws Exception {
        HttpResponse<String> page = get("/oauth2/authorize?" + form(authorization(URI.create("https://evil.example/"))));

        assertEquals(400, page.statusCode());
        assertTrue(page.headers().firstValue("Location").isEmpty());
        assertTrue(page.body().contains("not a registered callback URL"), page.body());
    }

    @Test
    void anAuthorizationWithoutPkceIsRefused() throws Exception {
        Map<String, String> params = new java.util.HashMap<>(authorization(APP));
        params.remove("code_challenge");

        assertEquals(400, get("/oauth2/authorize?" + form(params)).statusCode());
    }

    @Test
    void signOutReturnsOnlyToARegisteredUrl() throws Exception {
        HttpResponse<String> back = get("/logout?client_id=web-client&logout_uri=" + URLEncoder.encode(APP.toString(), StandardCharsets.UTF_8));
        HttpResponse<String> elsewhere = get("/logout?client_id=web-client&logout_uri=https%3A%2F%2Fevil.example%2F");

        assertEquals(302, back.statusCode());
        assertEquals(APP.toString(), back.headers().firstValue("Location").orElseThrow());
        assertEquals(400, elsewhere.statusCode());
    }
}
