package io.filepipe.embedded;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The endpoints of a Cognito user pool's domain, as the web app uses them: {@code /oauth2/authorize}
 * (the authorization-code flow with PKCE S256; the page asks only for a user name),
 * {@code /oauth2/token} (the code and its verifier for an IdToken, as Cognito answers) and
 * {@code /logout}. Redirects go only to URIs registered with {@link #allowRedirect}, as Cognito's app
 * client allows only its callback and sign-out URLs; a code is used once and lives five minutes.
 */
final class HostedSignIn {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    // no form-action: the form's answer redirects to the app, another origin, which form-action would block
    private static final String PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An issued code: what its redemption must repeat. */
    private record Grant(String user, URI redirectUri, String challenge, Instant expires) {
    }

    private final String clientId;
    private final Clock clock;
    private final Function<String, String> idToken;
    private final Function<String, String> accessToken;
    private final Set<URI> redirects = ConcurrentHashMap.newKeySet();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    HostedSignIn(String clientId, Clock clock, Function<String, String> idToken, Function<String, String> accessToken) {
        this.clientId = clientId;
        this.clock = clock;
        this.idToken = idToken;
        this.accessToken = accessToken;
    }

    void allowRedirect(URI uri) {
        redirects.add(uri);
    }

    /** GET: the sign-in page; POST (its form): a code, sent back to the redirect URI. */
    void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (!post && !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Map<String, String> params = post ? form(exchange) : query(exchange.getRequestURI().getRawQuery());
            String refusal = refusal(params);
            if (refusal != null) {
                page(exchange, 400, "<h1>Sign-in refused</h1><p>" + html(refusal) + "</p>");
                return;
            }
            if (!post) {
                page(exchange, 200, signInForm(params));
                return;
            }
            String user = params.getOrDefault("username", "");
            if (!USER_NAME.matcher(user).matches()) {
                page(exchange, 400, "<p>A user name is 1 to 64 of A-Z a-z 0-9 . _ @ -</p>" + signInForm(params));
                return;
            }
            String code = random();
            URI redirect = URI.create(params.get("redirect_uri"));
            codes.put(code, new Grant(user, redirect, params.get("code_challenge"), clock.instant().plus(CODE_LIFETIME)));
            String state = params.containsKey("state") ? "&state=" + encode(params.get("state")) : "";
            exchange.getResponseHeaders().add("Location", redirect + (redirect.getRawQuery() == null ? "?" : "&")
                    + "code=" + code + state);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** What makes an authorization request unacceptable, or null; never redirected, as OAuth asks. */
    private String refusal(Map<String, String> params) {
        if (!clientId.equals(params.get("client_id"))) {
            return "unknown client_id";
        }
        String redirect = params.get("redirect_uri");
        if (redirect == null || !redirects.contains(URI.create(redirect))) {
            return "redirect_uri is not a registered callback URL";
        }
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code";
        }
        if (params.getOrDefault("code_challenge", "").isEmpty() || !"S256".equals(params.get("code_challenge_method"))) {
            return "a PKCE code_challenge with code_challenge_method S256 is required";
        }
        return null;
    }

    private static String signInForm(Map<String, String> params) {
        StringBuilder form = new StringBuilder("<h1>Sign in to filepipe (local)</h1>"
                + "<form method=\"post\" action=\"/oauth2/authorize\">"
                + "<label for=\"username\">User name</label> "
                + "<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus"
                + " pattern=\"[A-Za-z0-9._@\\-]{1,64}\" value=\"dev\"> ");
        for (String name : new String[] {"client_id", "redirect_uri", "response_type", "state", "scope",
                "code_challenge", "code_challenge_method"}) {
            if (params.containsKey(name)) {
                form.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(html(params.get(name))).append("\">");
            }
        }
        return form.append("<button type=\"submit\">Sign in</button></form>").toString();
    }

    /** POST: a code and its verifier for tokens, once. */
    void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            // the page calls this from its own origin, as it calls Cognito's token endpoint
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Map<String, String> params = form(exchange);
            Grant grant = codes.remove(params.getOrDefault("code", ""));
            if (!"authorization_code".equals(params.get("grant_type"))) {
                json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            } else if (!clientId.equals(params.get("client_id"))) {
                json(exchange, 400, "{\"error\":\"invalid_client\"}");
            } else if (grant == null || grant.expires().isBefore(clock.instant())
                    || !grant.redirectUri().toString().equals(params.get("redirect_uri"))
                    || !grant.challenge().equals(challengeOf(params.getOrDefault("code_verifier", "")))) {
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            } else {
                json(exchange, 200, "{\"id_token\":\"" + idToken.apply(grant.user()) + "\",\"access_token\":\""
                        + accessToken.apply(grant.user()) + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + LocalTokenIssuer.TOKEN_LIFETIME.toSeconds() + "}");
            }
        }
    }

    /** GET: back to a registered sign-out URL (the issuer keeps no session to end). */
    void logout(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            String target = params.get("logout_uri");
            if (!clientId.equals(params.get("client_id")) || target == null || !redirects.contains(URI.create(target))) {
                page(exchange, 400, "<h1>Sign-out refused</h1><p>unknown client_id or logout_uri</p>");
                return;
            }
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** BASE64URL(SHA-256(verifier)), RFC 7636's S256. */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void page(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>filepipe sign-in</title>"
                + body + "</html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Content-Security-Policy", PAGE_CSP);
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(16 * 1024);
        return query(new String(body, StandardCharsets.US_ASCII));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
