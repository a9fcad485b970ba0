package io.filepipe.api.auth;

import io.filepipe.testsupport.ManualClock;
import static io.filepipe.api.auth.JwksEndpoint.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token signed by a key the issuer does not publish is the caller's problem (401), however often
 * it comes; only a JWKS endpoint that fails is the server's (503). A key the issuer publishes later
 * is picked up once the refresh interval has passed on the verifier's clock.
 */
class TokenVerifierKeysTest {

    private final ManualClock clock = new ManualClock(Instant.now());
    private JwksEndpoint jwks;
    private TokenVerifier verifier;
    private static RSAKey published;
    private static RSAKey unpublished;

    @BeforeAll
    static void generateKeys() throws Exception {
        published = new RSAKeyGenerator(2048).keyID("published").generate();
        unpublished = new RSAKeyGenerator(2048).keyID("unpublished").generate();
    }

    @BeforeEach
    void start() {
        jwks = new JwksEndpoint(new JWKSet(published.toPublicJWK()));
        verifier = new TokenVerifier(JwksEndpoint.ISSUER, JwksEndpoint.CLIENT, jwks.uri(), clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void everyTokenWithAnUnknownKidIsRefusedAsInvalidAndTheKeysAreFetchedOncePerInterval() throws Exception {
        String stranger = sign(unpublished, "mallory", clock.instant().plusSeconds(600));

        for (int i = 0; i < 600; i++) {
            InvalidToken refused = assertThrows(InvalidToken.class, () -> verifier.verify(stranger));
            assertEquals("the token is signed by a key the issuer does not publish", refused.getMessage());
        }

        assertEquals(1, jwks.fetches(), "the first request fetched the keys; the unknown kid could not fetch them again");
    }

    @Test
    void aKeyPublishedLaterIsAcceptedOnceTheRefreshIntervalHasPassed() throws Exception {
        assertEquals("alice", verifier.verify(sign(published, "alice", clock.instant().plusSeconds(600))).username());
        jwks.serve(new JWKSet(List.of(published.toPublicJWK(), unpublished.toPublicJWK())));
        String rotated = sign(unpublished, "bob", clock.instant().plusSeconds(600));

        clock.advance(TokenVerifier.REFRESH_RATE_LIMIT.minusSeconds(1));
        assertThrows(InvalidToken.class, () -> verifier.verify(rotated), "the keys were fetched too recently");
        clock.advance(java.time.Duration.ofSeconds(1));

        assertEquals("bob", verifier.verify(rotated).username());
        assertEquals(2, jwks.fetches());
    }

    @Test
    void aJwksEndpointAnsweringAnErrorMakesTheKeysUnavailable() throws Exception {
        jwks.fail(500, "{\"message\":\"internal\"}");

        assertThrows(KeysUnavailable.class, () -> verifier.verify(sign(published, "alice", clock.instant().plusSeconds(600))));
    }

    @Test
    void aJwksEndpointAnsweringSomethingElseThanAKeySetMakesTheKeysUnavailable() throws Exception {
        jwks.fail(200, "<html>maintenance</html>");

        assertThrows(KeysUnavailable.class, () -> verifier.verify(sign(published, "alice", clock.instant().plusSeconds(600))));
    }

    @Test
    void aJwksEndpointThatIsGoneMakesTheKeysUnavailable() throws Exception {
        jwks.close();

        assertThrows(KeysUnavailable.class, () -> verifier.verify(sign(published, "alice", clock.instant().plusSeconds(600))));
    }

    @Test
    void anUnknownKidWhileTheEndpointFailsIsTheServersProblemAndKnownKeysKeepWorking() throws Exception {
        assertEquals("alice", verifier.verify(sign(published, "alice", clock.instant().plusSeconds(600))).username());
        jwks.fail(503, "busy");
        clock.advance(TokenVerifier.REFRESH_RATE_LIMIT);

        assertThrows(KeysUnavailable.class, () -> verifier.verify(sign(unpublished, "bob", clock.instant().plusSeconds(600))));
        assertEquals("carol", verifier.verify(sign(published, "carol", clock.instant().plusSeconds(600))).username());
    }

    @Test
    void aFailedFetchIsTriedAgainOnlyAfterTheRefreshInterval() throws Exception {
        jwks.fail(500, "down");
        String token = sign(published, "alice", clock.instant().plusSeconds(600));
        assertThrows(KeysUnavailable.class, () -> verifier.verify(token));
        int afterFirstFailure = jwks.fetches();

        assertThrows(KeysUnavailable.class, () -> verifier.verify(token));
        assertEquals(afterFirstFailure, jwks.fetches(), "no new fetch within the interval");

        jwks.serve(new JWKSet(published.toPublicJWK()));
        clock.advance(TokenVerifier.REFRESH_RATE_LIMIT);
        assertEquals("alice", verifier.verify(token).username());
    }
}
