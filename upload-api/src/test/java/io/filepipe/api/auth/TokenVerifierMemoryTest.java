package io.filepipe.api.auth;

import io.filepipe.testsupport.ManualClock;
import static io.filepipe.api.auth.JwksEndpoint.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token that passed is remembered so that its repeats skip the signature check; what must not
 * change with that: expiry still applies on every request, and a key that leaves the issuer's JWKS
 * stops working as soon as the keys are fetched again. Time is the verifier's clock, moved by the
 * tests instead of waited for.
 */
class TokenVerifierMemoryTest {

    private final ManualClock clock = new ManualClock(Instant.now());
    private JwksEndpoint jwks;
    private TokenVerifier verifier;
    /** Generated once: RSA key generation is the slowest step of these tests. */
    private static RSAKey first;
    private static RSAKey second;

    @BeforeAll
    static void generateKeys() throws Exception {
        first = new RSAKeyGenerator(2048).keyID("first").generate();
        second = new RSAKeyGenerator(2048).keyID("second").generate();
    }

    @BeforeEach
    void start() {
        jwks = new JwksEndpoint(new JWKSet(first.toPublicJWK()));
        verifier = new TokenVerifier(JwksEndpoint.ISSUER, JwksEndpoint.CLIENT, jwks.uri(), clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    @Test
    void aRepeatedTokenIsAnsweredFromMemoryWithTheSameCaller() throws Exception {
        String token = sign(first, "alice", clock.instant().plusSeconds(600));

        Caller caller = verifier.verify(token);
        Caller again = verifier.verify("Bearer " + token);

        assertEquals("alice", again.username());
        assertEquals(caller, again);
        assertEquals(1, jwks.fetches(), "the keys were fetched once");
    }

    @Test
    void aRememberedTokenStillExpires() throws Exception {
        Instant verifiedAt = clock.instant();
        Instant expiry = verifiedAt.plusSeconds(60);
        String token = sign(first, "alice", expiry);
        assertEquals("alice", verifier.verify(token).username());

        // past the expiry and the skew the verifier allows, while the token is still remembered
        clock.moveTo(expiry.plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1));
        assertTrue(clock.instant().isBefore(verifiedAt.plus(TokenVerifier.VERIFIED_TTL)));

        InvalidToken refused = assertThrows(InvalidToken.class, () -> verifier.verify(token));
        assertEquals("the token has expired", refused.getMessage());
    }

    @Test
    void aTokenNotYetValidIsAcceptedOnceItsTimeHasCome() throws Exception {
        Instant notBefore = clock.instant().plus(Duration.ofMinutes(10));
        String token = sign(first, JwksEndpoint.claims("alice", notBefore.plusSeconds(600))
                .notBeforeTime(Date.from(notBefore)).build());
        assertThrows(InvalidToken.class, () -> verifier.verify(token));

        clock.moveTo(notBefore);

        assertEquals("alice", verifier.verify(token).username());
    }

    @Test
    void aRememberedTokenStopsWorkingOnceItsKeyLeavesTheJwks() throws Exception {
        String old = sign(first, "alice", clock.instant().plusSeconds(600));
        assertEquals("alice", verifier.verify(old).username());

        jwks.serve(new JWKSet(second.toPublicJWK())); // the issuer rotates: the first key is withdrawn
        clock.advance(TokenVerifier.REFRESH_RATE_LIMIT);
        String fresh = sign(second, "bob", clock.instant().plusSeconds(600));
        assertEquals("bob", verifier.verify(fresh).username(), "an unknown kid makes the verifier fetch again");

        assertThrows(InvalidToken.class, () -> verifier.verify(old));
    }
}
