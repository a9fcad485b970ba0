package io.filepipe.api.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An issuer's JWKS endpoint for the verifier's unit tests: it serves what the test sets (a key
 * set, an error status or a body that is not a JWKS) and counts how often it was asked.
 */
final class JwksEndpoint implements AutoCloseable {

    static final String ISSUER = "https://issuer.test";
    static final String CLIENT = "client-1";

    /** What the endpoint answers: a status and a body. */
    private record Answer(int status, String body) {
    }

    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer server;

    JwksEndpoint(JWKSet keys) {
        serve(keys);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            Answer current = answer.get();
            byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(current.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    void serve(JWKSet keys) {
        answer.set(new Answer(200, keys.toString()));
    }

    void fail(int status, String body) {
        answer.set(new Answer(status, body));
    }

    int fetches() {
        return fetches.get();
    }

    /** An IdToken for {@code user} from {@link #ISSUER}, signed by {@code key}, valid until {@code expiry}. */
    static String sign(RSAKey key, String user, Instant expiry) throws Exception {
        return sign(key, claims(user, expiry).build());
    }

    /** The claims of a well-formed IdToken issued an hour before {@code expiry}, to change as a test needs. */
    static JWTClaimsSet.Builder claims(String user, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT)
                .subject("sub-" + user)
                .claim("token_use", "id")
                .claim("cognito:username", user)
                .issueTime(Date.from(expiry.minusSeconds(3600)))
                .expirationTime(Date.from(expiry));
    }

    static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
