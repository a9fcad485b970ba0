package io.filepipe.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.filepipe.core.UserId;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies Cognito-style IdTokens: RS256 only, signature by a key from the issuer's JWKS
 * ({@link IssuerKeys}: cached for {@link #KEY_CACHE_TTL}, fetched again at most every
 * {@link #REFRESH_RATE_LIMIT} when an unknown {@code kid} shows up), exact {@code iss}, {@code aud}
 * = the app client id, {@code token_use=id}, {@code exp} and {@code nbf} with {@link #CLOCK_SKEW}
 * of tolerance, and times an issuer could have written: {@code iat} required and not in the
 * future (beyond the skew), a lifetime {@code exp - iat} of at most {@link #MAX_TOKEN_LIFETIME}.
 * The token may come bare or after a case-insensitive {@code Bearer } scheme, as API Gateway's JWT
 * authorizer accepts it.
 *
 * <p>A token signed by a key the issuer does not publish is the caller's mistake and is refused
 * like any other bad token, however many come; only a failing JWKS endpoint makes the keys
 * unavailable ({@link KeysUnavailable}).
 *
 * <p>A client sends the same token with every request for up to an hour, and checking its RSA
 * signature is the costliest step of a small upload. So a token that passed is remembered, by its
 * exact text, for {@link #VERIFIED_TTL}: a repeat skips parsing and the signature check, but its
 * claims still go through the same claims verifier on every request ({@code exp} and {@code nbf}
 * move with the clock). Whenever the keys are fetched again (rotation, an unknown {@code kid}, the
 * cache's expiry), everything remembered is forgotten, so a key that disappears from the JWKS
 * stops working exactly when it would without this.
 *
 * <p>Every time check ({@code exp}, {@code nbf}, {@code iat}, the memory of verified tokens, the
 * key cache and its refresh limit) reads the injected {@link Clock}.
 */
public final class TokenVerifier {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** The longest an IdToken may live ({@code exp - iat}): Cognito lets an IdToken live 5 minutes to 1 day. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);
    public static final Duration KEY_CACHE_TTL = Duration.ofHours(6);
    public static final Duration REFRESH_RATE_LIMIT = Duration.ofSeconds(30);
    /** How long a verified token is remembered; its claims are checked again on each use. */
    public static final Duration VERIFIED_TTL = Duration.ofMinutes(5);
    /** At most this many verified tokens (a few KiB each) are remembered; one more empties the memory. */
    static final int VERIFIED_MAX = 2_000;
    private static final int HTTP_TIMEOUT_MS = 3_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final int MAX_TOKEN_CHARS = 8_192;
    private static final String MISSING_CLAIMS = "JWT missing required claims:";

    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** Bumped on every key fetch: a token remembered under an older generation is verified afresh. */
    private final AtomicLong keysGeneration = new AtomicLong();

    /** A token that passed: its claims, the caller, when, and under which fetch of the keys. */
    private record Verified(JWTClaimsSet claims, Caller caller, Instant at, long keysGeneration) {
    }

    /** A claim the issuer could not have written; the message is safe to return. */
    private static final class ImplausibleClaim extends BadJWTException {
        ImplausibleClaim(String message) {
            super(message);
        }
    }

    public TokenVerifier(String issuer, String audience, URI jwksUri) {
        this(issuer, audience, jwksUri, Clock.systemUTC());
    }

    /** With another clock: tests move time instead of waiting for it. */
    TokenVerifier(String issuer, String audience, URI jwksUri, Clock clock) {
        this.clock = clock;
        URL jwksUrl;
        try {
            jwksUrl = jwksUri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWKS URI is not a URL", e);
        }
        IssuerKeys keys = new IssuerKeys(jwksUrl,
                new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT),
                KEY_CACHE_TTL, REFRESH_RATE_LIMIT, clock, () -> {
                    keysGeneration.incrementAndGet();
                    verified.clear();
                });
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
                Set.of("sub", "exp", "iat"),
                null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }

            @Override
            public void verify(JWTClaimsSet claimsSet, SecurityContext context) throws BadJWTException {
                super.verify(claimsSet, context);
                checkTimesArePlausible(claimsSet);
            }
        };
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        claimsVerifier = claims;
    }

    /**
     * Verifies the {@code Authorization} header value and returns the caller.
     *
     * @throws InvalidToken     when the token is missing or not acceptable
     * @throws KeysUnavailable  when the issuer's keys cannot be fetched
     */
    public Caller verify(String authorization) {
        String token = tokenFrom(authorization);
        Verified known = verified.get(token);
        if (known != null && known.keysGeneration() == keysGeneration.get()
                && clock.instant().isBefore(known.at().plus(VERIFIED_TTL))) {
            checkClaimsAgain(token, known.claims());
            return known.caller();
        }
        long generation = keysGeneration.get(); // read before any key fetch this verification may cause
        JWTClaimsSet claims = verifySignatureAndClaims(token);
        String sub = claims.getSubject();
        if (!UserId.isValid(sub)) {
            throw InvalidToken.invalid("the token's subject is not acceptable");
        }
        Caller caller = new Caller(new UserId(sub), stringClaim(claims, "cognito:username"),
                stringClaim(claims, "email"));
        if (verified.size() >= VERIFIED_MAX) {
            verified.clear();
        }
        verified.put(token, new Verified(claims, caller, clock.instant(), generation));
        return caller;
    }

    private JWTClaimsSet verifySignatureAndClaims(String token) {
        try {
            return processor.process(token, null);
        } catch (BadJWTException e) {
            throw claimsRefused(e);
        } catch (BadJOSEException e) {
            throw InvalidToken.invalid("the token's signature or algorithm is not acceptable");
        } catch (IssuerKeys.KeyNotPublished e) {
            throw InvalidToken.invalid("the token is signed by a key the issuer does not publish");
        } catch (KeySourceException e) {
            throw new KeysUnavailable(e);
        } catch (ParseException e) {
            throw InvalidToken.invalid("the token is not a well-formed JWT");
        } catch (JOSEException e) {
            throw InvalidToken.invalid("the token's signature could not be verified");
        }
    }

    /** The claims checks of a full verification, for a token whose signature already passed. */
    private void checkClaimsAgain(String token, JWTClaimsSet claims) {
        try {
            claimsVerifier.verify(claims, null);
        } catch (BadJWTException e) {
            verified.remove(token);
            throw claimsRefused(e);
        }
    }

    /** Checked after nimbus's own checks, so {@code iat} and {@code exp} are present. */
    private void checkTimesArePlausible(JWTClaimsSet claims) throws BadJWTException {
        Instant issued = claims.getIssueTime().toInstant();
        if (issued.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new ImplausibleClaim("the token's iat is in the future");
        }
        if (Duration.between(issued, claims.getExpirationTime().toInstant()).compareTo(MAX_TOKEN_LIFETIME) > 0) {
            throw new ImplausibleClaim("the token lives longer than " + MAX_TOKEN_LIFETIME.toHours()
                    + " hours (exp - iat)");
        }
    }

    private static InvalidToken claimsRefused(BadJWTException e) {
        String message = e.getMessage();
        if (e instanceof ImplausibleClaim) {
            return InvalidToken.invalid(message);
        }
        if (e instanceof ExpiredJWTException) {
            return InvalidToken.invalid("the token has expired");
        }
        if (message != null && message.startsWith(MISSING_CLAIMS)) {
            // nimbus names the missing ones among the claims this class requires
            return InvalidToken.invalid("the token lacks required claims:" + message.substring(MISSING_CLAIMS.length()));
        }
        return InvalidToken.invalid("the token's claims are not acceptable");
    }

    private static String tokenFrom(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw InvalidToken.missing();
        }
        String value = authorization.strip();
        if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            value = value.substring(7).strip();
        }
        if (value.isEmpty() || value.length() > MAX_TOKEN_CHARS) {
            throw InvalidToken.invalid("the token is not a well-formed JWT");
        }
        return value;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
