package io.filepipe.api.auth;

import io.filepipe.testsupport.ManualClock;
import static io.filepipe.api.auth.JwksEndpoint.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * A token's times must be ones its issuer could have written: issued no later than now (give or
 * take the clock skew), and living no longer than Cognito lets an IdToken live.
 */
class TokenVerifierLifetimeTest {

    private final ManualClock clock = new ManualClock(Instant.now());
    private JwksEndpoint jwks;
    private TokenVerifier verifier;
    private static RSAKey key;

    @BeforeAll
    static void generateKey() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("key").generate();
    }

    @BeforeEach
    void start() {
        jwks = new JwksEndpoint(new JWKSet(key.toPublicJWK()));
        verifier = new TokenVerifier(JwksEndpoint.ISSUER, JwksEndpoint.CLIENT, jwks.uri(), clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private String token(Instant issuedAt, Instant expiry) throws Exception {
        return sign(key, JwksEndpoint.claims("alice", expiry).issueTime(issuedAt == null ? null : Date.from(issuedAt)).build());
    }

    @Test
    void aTokenIssuedTenYearsFromNowIsRefused() throws Exception {
        Instant issued = clock.instant().plus(Duration.ofDays(3650));

        InvalidToken refused = assertThrows(InvalidToken.class, () -> verifier.verify(token(issued, issued.plusSeconds(3600))));

        assertEquals("the token's iat is in the future", refused.getMessage());
    }

    @Test
    void aTokenIssuedJustBeyondTheClockSkewIsRefused() throws Exception {
        Instant issued = clock.instant().plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1);

        assertThrows(InvalidToken.class, () -> verifier.verify(token(issued, issued.plusSeconds(3600))));
    }

    @Test
    void aTokenIssuedWithinTheClockSkewIsAccepted() throws Exception {
        Instant issued = clock.instant().plus(TokenVerifier.CLOCK_SKEW);

        assertEquals("alice", verifier.verify(token(issued, issued.plusSeconds(3600))).username());
    }

    @Test
    void aTokenThatExpiresInAHundredYearsIsRefused() throws Exception {
        Instant issued = clock.instant().minusSeconds(10);

        InvalidToken refused = assertThrows(InvalidToken.class,
                () -> verifier.verify(token(issued, issued.plus(Duration.ofDays(36_500)))));

        assertEquals("the token lives longer than 24 hours (exp - iat)", refused.getMessage());
    }

    @Test
    void aTokenLivingExactlyTheLongestLifetimeIsAcceptedAndOneSecondMoreIsNot() throws Exception {
        Instant issued = clock.instant().minusSeconds(10);

        assertEquals("alice", verifier.verify(token(issued, issued.plus(TokenVerifier.MAX_TOKEN_LIFETIME))).username());
        assertThrows(InvalidToken.class,
                () -> verifier.verify(token(issued, issued.plus(TokenVerifier.MAX_TOKEN_LIFETIME).plusSeconds(1))));
    }

    @Test
    void aTokenWithoutIatIsRefused() throws Exception {
        InvalidToken refused = assertThrows(InvalidToken.class,
                () -> verifier.verify(token(null, clock.instant().plusSeconds(600))));

        assertEquals("the token lacks required claims: [iat]", refused.getMessage());
    }
}
