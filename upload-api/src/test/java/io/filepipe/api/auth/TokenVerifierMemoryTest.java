package io.filepipe.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.filepipe.testsupport.ManualClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final String ISSUER = "https://issuer.test";
    private static final String CLIENT = "client-1";

    private final AtomicReference<JWKSet> served = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final ManualClock clock = new ManualClock(Instant.now());
    private HttpServer jwks;
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
    void start() throws Exception {
        served.set(new JWKSet(first.toPublicJWK()));
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        URI uri = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        verifier = new TokenVerifier(ISSUER, CLIENT, uri, Duration.ofMillis(1), clock);
    }

    @AfterEach
    void stop() {
        jwks.stop(0);
    }

    @Test
    void aRepeatedTokenIsAnsweredFromMemoryWithTheSameCaller() throws Exception {
        String token = sign(first, "alice", clock.instant().plusSeconds(600));

        Caller caller = verifier.verify(token);
        Caller again = verifier.verify("Bearer " + token);

        assertEquals("alice", again.username());
        assertEquals(caller, again);
        assertEquals(1, fetches.get(), "the keys were fetched once");
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
        String token = sign(first, "alice", notBefore.plusSeconds(600), notBefore);
        assertThrows(InvalidToken.class, () -> verifier.verify(token));

        clock.moveTo(notBefore);

        assertEquals("alice", verifier.verify(token).username());
    }

    @Test
    void aRememberedTokenStopsWorkingOnceItsKeyLeavesTheJwks() throws Exception {
        String old = sign(first, "alice", clock.instant().plusSeconds(600));
        assertEquals("alice", verifier.verify(old).username());

        served.set(new JWKSet(second.toPublicJWK())); // the issuer rotates: the first key is withdrawn
        String fresh = sign(second, "bob", clock.instant().plusSeconds(600));
        assertEquals("bob", verifier.verify(fresh).username(), "an unknown kid makes the verifier fetch again");

        assertThrows(InvalidToken.class, () -> verifier.verify(old));
    }

    private static String sign(RSAKey key, String user, Instant expiry) throws Exception {
        return sign(key, user, expiry, null);
    }

    private static String sign(RSAKey key, String user, Instant expiry, Instant notBefore) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT)
                .subject("sub-" + user)
                .claim("token_use", "id")
                .claim("cognito:username", user)
                .issueTime(Date.from(expiry.minusSeconds(3600)))
                .expirationTime(Date.from(expiry))
                .notBeforeTime(notBefore == null ? null : Date.from(notBefore))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
