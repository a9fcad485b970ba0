package io.filepipe.api.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The issuer's signing keys: its JWKS, fetched when first needed and kept for {@link #ttl}. A
 * {@code kid} that is not among them makes the keys be fetched again (a key rotation), but at most
 * once per {@link #refreshInterval} on the injected clock, whatever the outcome: a flood of tokens
 * with made-up {@code kid}s costs one fetch per interval and is answered {@link KeyNotPublished}.
 *
 * <p>The keys are unavailable ({@link KeySourceException}) only when the endpoint failed: no
 * answer, an error status, or a body that is not a JWKS. Until the next attempt is due, every
 * request that needs a fetch gets that failure at once instead of waiting for the endpoint again,
 * while the keys already held keep verifying the tokens they signed.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    /** A well-formed token signed by a key the issuer does not publish (as of the latest fetch). */
    static final class KeyNotPublished extends KeySourceException {
        KeyNotPublished() {
            super("no key of the issuer's JWKS matches the token's header");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a client's mistake, answered with 401: never logged, so no trace to build
        }
    }

    /** What the latest fetch left: the keys (null before the first success) and when; the last attempt and its failure. */
    private record State(JWKSet keys, Instant fetchedAt, Instant attemptedAt, IOException failure) {

        static final State NONE = new State(null, null, null, null);

        boolean fresh(Instant now, Duration ttl) {
            return keys != null && now.isBefore(fetchedAt.plus(ttl));
        }

        boolean attemptDue(Instant now, Duration interval) {
            return attemptedAt == null || !now.isBefore(attemptedAt.plus(interval));
        }
    }

    private final URL url;
    private final ResourceRetriever retriever;
    private final Duration ttl;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Runnable onNewKeys;
    private volatile State state = State.NONE;

    /**
     * @param onNewKeys run after every successful fetch, before the new keys are used
     */
    IssuerKeys(URL url, ResourceRetriever retriever, Duration ttl, Duration refreshInterval, Clock clock,
               Runnable onNewKeys) {
        if (ttl.compareTo(refreshInterval) < 0) {
            throw new IllegalArgumentException("keys must be kept at least as long as the refresh interval");
        }
        this.url = url;
        this.retriever = retriever;
        this.ttl = ttl;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.onNewKeys = onNewKeys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        State held = state;
        if (held.fresh(now, ttl)) {
            List<JWK> found = selector.select(held.keys());
            if (!found.isEmpty()) {
                return found;
            }
        }
        State latest = fetchIfDue(now);
        if (latest.failure() != null) {
            throw new KeySourceException("the issuer's JWKS could not be fetched (tried at " + latest.attemptedAt()
                    + "; next attempt after " + latest.attemptedAt().plus(refreshInterval) + ")", latest.failure());
        }
        List<JWK> found = selector.select(latest.keys());
        if (found.isEmpty()) {
            throw new KeyNotPublished();
        }
        return found;
    }

    /** Fetches the keys unless an attempt (by any thread) was made within the refresh interval. */
    private synchronized State fetchIfDue(Instant now) {
        State held = state;
        if (!held.attemptDue(now, refreshInterval)) {
            return held;
        }
        try {
            JWKSet keys = fetch();
            onNewKeys.run();
            state = new State(keys, now, now, null);
        } catch (IOException e) {
            state = new State(held.keys(), held.fetchedAt(), now, e);
        }
        return state;
    }

    /** One fetch, tried a second time at once if the first fails (a dropped connection, a cold endpoint). */
    private JWKSet fetch() throws IOException {
        try {
            return fetchOnce();
        } catch (IOException first) {
            return fetchOnce();
        }
    }

    private JWKSet fetchOnce() throws IOException {
        String body = retriever.retrieveResource(url).getContent();
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IOException("the JWKS endpoint answered something that is not a JWK set", e);
        }
    }
}
