package io.filepipe.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web app, without a token (the page signs in itself): {@code GET /} the page,
 * {@code GET /assets/{file}} its scripts and styles, {@code GET /app-config.json} where it signs in.
 * The files are the web module's Vite build, on the class path under {@value #ROOT}. Assets carry a
 * content hash in their names, so they are cached for good; the page and its settings are revalidated
 * every time, so a deployment shows at once. Every answer carries a CSP without inline script.
 */
final class WebRoutes implements Router.Routes {

    static final String ROOT = "filepipe/web/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.[a-z0-9]+");
    /** What the web module's build emits under assets/; another kind of asset gets its type here. */
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final WebApp app;
    /** Made when the page is first served (a race makes it twice, the same). */
    private volatile String contentSecurityPolicy;
    /** The files found so far (a name that is not there is looked up again, never remembered). */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    WebRoutes(WebApp app) {
        this.app = app;
    }

    /**
     * Scripts, styles and everything else from this origin only; images also from the storage
     * (thumbnails are presigned S3 URLs); requests also to the storage (the parts of a large
     * upload) and to the sign-in domain (the token exchange); no framing, no plugins.
     */
    static String contentSecurityPolicy(WebApp app) {
        String storage = app.storageOrigin().get().toString();
        String signIn = app.signInUrl() == null ? "" : " " + WebApp.originOf(app.signInUrl());
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + storage
                + "; connect-src 'self' " + storage + signIn
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    public void addTo(Router router) {
        router.get("/", ctx -> file(ctx, "index.html", "text/html; charset=utf-8", REVALIDATE));
        router.get("/assets/{file}", this::asset);
        router.get("/app-config.json", this::config);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("file");
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (!ASSET_NAME.matcher(name).matches() || !TYPES.containsKey(extension)) {
            throw new ApiException(ProblemType.NOT_FOUND, "no such asset");
        }
        file(ctx, "assets/" + name, TYPES.get(extension), IMMUTABLE);
    }

    private void config(Context ctx) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("sign_in_url", app.signInUrl() == null ? null : app.signInUrl().toString().replaceAll("/+$", ""));
        config.put("client_id", app.clientId());
        secured(ctx, REVALIDATE).json(config);
    }

    private void file(Context ctx, String path, String type, String cacheControl) {
        byte[] body = files.get(path);
        if (body == null) {
            body = load(path).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND, "no such file in the web app"));
            files.put(path, body);
        }
        secured(ctx, cacheControl).contentType(type).result(body);
    }

    private Context secured(Context ctx, String cacheControl) {
        String policy = contentSecurityPolicy;
        if (policy == null) {
            policy = contentSecurityPolicy(app);
            contentSecurityPolicy = policy;
        }
        return ctx.header("Cache-Control", cacheControl)
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                // the page's URL carries the sign-in code for a moment; no other site sees it
                .header("Referrer-Policy", "no-referrer");
    }

    private static Optional<byte[]> load(String path) {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + path, e);
        }
    }
}
