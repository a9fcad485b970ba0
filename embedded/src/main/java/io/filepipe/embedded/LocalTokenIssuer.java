package io.filepipe.embedded;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A stand-in for a Cognito user pool: an RSA signing key, a JWKS endpoint at
 * {@code <issuer>/.well-known/jwks.json} (Cognito's layout) and IdTokens shaped like Cognito's
 * ({@code iss}, {@code aud} = client id, {@code token_use=id}, {@code sub}, {@code email},
 * {@code cognito:username}). An issuer with a fresh key is named by its server's base URL, as
 * Cognito's pool URL serves its keys; an issuer whose key is kept in a file is named
 * {@code http://filepipe.local/<kid>} (see {@link #issuer()}), so its tokens outlive a restart on
 * another port, and its keys are found at {@link #jwksUri()}. Its {@link #url()} also serves the
 * endpoints of a Cognito domain that a web app signs in with ({@code /oauth2/authorize} with PKCE,
 * {@code /oauth2/token}, {@code /logout}; see {@link #allowRedirect}).
 */
public final class LocalTokenIssuer implements AutoCloseable {

    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** What the name of an issuer with a key file starts with; not an address anyone serves. */
    public static final String STABLE_ISSUER_PREFIX = "http://filepipe.local/";
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final HttpServer server;
    private final ExecutorService executor;
    private final RSAKey key;
    private final String clientId;
    private final Clock clock;
    private final boolean stableName;
    private final HostedSignIn signIn;

    private LocalTokenIssuer(HttpServer server, ExecutorService executor, RSAKey key, String clientId, Clock clock,
                             boolean stableName) {
        this.server = server;
        this.executor = executor;
        this.key = key;
        this.clientId = clientId;
        this.clock = clock;
        this.stableName = stableName;
        this.signIn = new HostedSignIn(clientId, clock, this::idToken,
                user -> sign(idTokenClaims(user).claim("token_use", "access").build()));
    }

    /** An issuer with a fresh key on an ephemeral port. */
    public static LocalTokenIssuer start(String clientId) {
        return start(null, 0, clientId, Clock.systemUTC());
    }

    /**
     * Starts on {@code port} (0 for ephemeral). With a {@code keyFile} the signing key is read from
     * it, or generated and saved there (owner-only permissions), and the issuer is named after the
     * key, not the port: tokens survive a restart, on any port.
     */
    public static LocalTokenIssuer start(Path keyFile, int port, String clientId, Clock clock) {
        try {
            RSAKey key = keyFile == null ? generateKey() : loadOrCreateKey(keyFile);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            LocalTokenIssuer issuer = new LocalTokenIssuer(server, executor, key, clientId, clock, keyFile != null);
            server.createContext("/.well-known/jwks.json", exchange -> issuer.respond(exchange, issuer.jwks().toString()));
            server.createContext("/token", issuer::issueToken);
            server.createContext("/oauth2/authorize", issuer.signIn::authorize);
            server.createContext("/oauth2/token", issuer.signIn::token);
            server.createContext("/logout", issuer.signIn::logout);
            server.createContext("/.well-known/openid-configuration", exchange -> issuer.respond(exchange,
                    "{\"issuer\":\"" + issuer.issuer() + "\",\"jwks_uri\":\"" + issuer.jwksUri() + "\","
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
            server.start();
            return issuer;
        } catch (IOException | JOSEException | ParseException e) {
            throw new EmbeddedServerException("token issuer failed to start", e);
        }
    }

    private static RSAKey generateKey() throws JOSEException {
        return new RSAKeyGenerator(2048)
                .keyID(UUID.randomUUID().toString())
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .generate();
    }

    private static RSAKey loadOrCreateKey(Path keyFile) throws IOException, JOSEException, ParseException {
        if (Files.exists(keyFile)) {
            return RSAKey.parse(Files.readString(keyFile));
        }
        RSAKey key = generateKey();
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, key.toJSONString());
        Files.move(tmp, keyFile);
        return key;
    }

    /**
     * {@code GET /token?user=NAME}: a fresh IdToken for a dev user, shaped like Cognito's
     * InitiateAuth result. Loopback only, like the rest of the local stack.
     */
    private void issueToken(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String user = query != null && query.startsWith("user=") ? query.substring(5) : "dev";
        if (!USER_NAME.matcher(user).matches()) {
            try (exchange) {
                byte[] body = "{\"error\":\"user must be 1-64 of A-Z a-z 0-9 . _ @ -\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
            }
            return;
        }
        respond(exchange, "{\"IdToken\":\"" + idToken(user) + "\",\"ExpiresIn\":" + TOKEN_LIFETIME.toSeconds()
                + ",\"TokenType\":\"Bearer\"}");
    }

    private void respond(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * The {@code iss} of the tokens: the server's {@link #url()}, or, for an issuer with a key file,
     * {@value #STABLE_ISSUER_PREFIX} and the key's id, which stay the same as long as the key file does.
     */
    public String issuer() {
        return stableName ? STABLE_ISSUER_PREFIX + key.getKeyID() : url().toString();
    }

    /** The server's base URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI jwksUri() {
        return URI.create(url() + "/.well-known/jwks.json");
    }

    /**
     * Registers a callback and sign-out URL of the app client, as Cognito's app client lists them:
     * sign-in and sign-out redirect only there.
     */
    public void allowRedirect(URI uri) {
        signIn.allowRedirect(uri);
    }

    /** Where a fresh IdToken for {@code user} is handed out. */
    public URI tokenUri(String user) {
        return URI.create(url() + "/token?user=" + user);
    }

    public String clientId() {
        return clientId;
    }

    /** The public keys, as served. */
    public JWKSet jwks() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The signing key pair; tests use it to forge tokens with the right key but wrong claims. */
    public RSAKey signingKey() {
        return key;
    }

    /** A valid IdToken for {@code username}, whose {@code sub} is derived from the name. */
    public String idToken(String username) {
        return sign(idTokenClaims(username).build());
    }

    /** The claims of a valid IdToken, for tests to alter one at a time. */
    public JWTClaimsSet.Builder idTokenClaims(String username) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .audience(clientId)
                .subject(subjectOf(username))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", username)
                .claim("email", username + "@example.com")
                .claim("email_verified", true);
    }

    /** A stable, UUID-shaped subject for a user name, as Cognito's subs are UUIDs. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("filepipe-local:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Signs any claims with the issuer's key and kid (RS256). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
