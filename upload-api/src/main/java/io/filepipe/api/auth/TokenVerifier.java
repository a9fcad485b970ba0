package io.filepipe.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
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
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies Cognito-style IdTokens: RS256 only, signature by a key from the issuer's JWKS (cached,
 * refreshed at most every {@link #REFRESH_RATE_LIMIT} when an unknown {@code kid} shows up),
 * exact {@code iss}, {@code aud} = the app client id, {@code token_use=id}, {@code exp} and
 * {@code nbf} with {@link #CLOCK_SKEW} of tolerance. The token may come bare or after a
 * case-insensitive {@code Bearer } scheme, as API Gateway's JWT authorizer accepts it.
 */
public final class TokenVerifier {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration KEY_CACHE_TTL = Duration.ofHours(6);
    public static final Duration REFRESH_RATE_LIMIT = Duration.ofSeconds(30);
    private static final int HTTP_TIMEOUT_MS = 3_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final int MAX_TOKEN_CHARS = 8_192;

    private final DefaultJWTProcessor<SecurityContext> processor;

    public TokenVerifier(String issuer, String audience, URI jwksUri) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                    .cache(KEY_CACHE_TTL.toMillis(), HTTP_TIMEOUT_MS)
                    .rateLimited(REFRESH_RATE_LIMIT.toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS URI is not a URL", e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
                Set.of("sub", "exp", "iat"),
                null);
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Verifies the {@code Authorization} header value and returns the caller.
     *
     * @throws InvalidToken     when the token is missing or not acceptable
     * @throws KeysUnavailable  when the issuer's keys cannot be fetched
     */
    public Caller verify(String authorization) {
        String token = tokenFrom(authorization);
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw InvalidToken.invalid("the token has expired");
        } catch (BadJWTException e) {
            throw InvalidToken.invalid("the token's claims are not acceptable");
        } catch (BadJOSEException e) {
            throw InvalidToken.invalid("the token's signature or algorithm is not acceptable");
        } catch (KeySourceException e) {
            throw new KeysUnavailable(e);
        } catch (ParseException e) {
            throw InvalidToken.invalid("the token is not a well-formed JWT");
        } catch (JOSEException e) {
            throw InvalidToken.invalid("the token's signature could not be verified");
        }
        String sub = claims.getSubject();
        if (!UserId.isValid(sub)) {
            throw InvalidToken.invalid("the token's subject is not acceptable");
        }
        return new Caller(new UserId(sub), stringClaim(claims, "cognito:username"), stringClaim(claims, "email"));
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
