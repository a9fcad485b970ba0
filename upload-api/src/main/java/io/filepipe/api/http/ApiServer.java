package io.filepipe.api.http;

import io.filepipe.api.auth.TokenVerifier;
import io.filepipe.api.files.FileService;
import io.filepipe.api.shares.ShareService;
import io.filepipe.api.upload.LargeUploadRequestParser;
import io.filepipe.api.upload.LargeUploadService;
import io.filepipe.api.upload.UploadRequestParser;
import io.filepipe.api.upload.UploadService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP face of the upload API, assembled: the routes of each feature, problem+json errors from
 * {@link ExceptionProblems}, one {@link AccessLog} line per request, routing by the real method
 * only ({@link MethodOverrideStripping}), the web app under {@code /} ({@link WebRoutes}) and a graceful stop that waits for the {@link InFlightRequests}. The work itself is done by {@link UploadService},
 * {@link FileService} and {@link ShareService}.
 */
public final class ApiServer implements AutoCloseable {

    /** How long a stop waits for requests in flight (Lambda gives an extension 2 s after SIGTERM; containers more). */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final InFlightRequests inFlight = new InFlightRequests();
    private final Javalin app;
    /** Set while the server is configured (Javalin runs the configuration at once). */
    private List<String> routes;

    public ApiServer(TokenVerifier verifier, UploadRequestParser parser, UploadService uploads,
                     LargeUploadRequestParser largeParser, LargeUploadService largeUploads, FileService files,
                     ShareService shares, Duration downloadUrlTtl, WebApp web) {
        Authentication auth = new Authentication(Objects.requireNonNull(verifier, "verifier"));
        List<Router.Routes> features = List.of(
                new HealthRoutes(),
                new UploadRoutes(auth, Objects.requireNonNull(parser, "parser"), Objects.requireNonNull(uploads, "uploads")),
                new UploadSessionRoutes(auth, Objects.requireNonNull(largeParser, "largeParser"),
                        Objects.requireNonNull(largeUploads, "largeUploads")),
                new FileRoutes(auth, Objects.requireNonNull(files, "files"), Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl")),
                new UserRoutes(auth),
                new ShareRoutes(auth, Objects.requireNonNull(shares, "shares")),
                new WebRoutes(Objects.requireNonNull(web, "web")));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                // the request logger (which ends our count of requests in flight) runs before Jetty has
                // completed the response; a graceful Jetty stop waits for that last write too
                server.insertHandler(new GracefulHandler());
                server.insertHandler(new MethodOverrideStripping());
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
            });
            config.http.prefer405over404 = true;
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(ApiJson.MAPPER, true));
            config.requestLogger.http((ctx, millis) -> {
                release(ctx);
                AccessLog.log(ctx, millis);
            });
            config.routes.before(RequestState::assignRequestId);
            config.routes.before(this::admit);
            Router router = new Router(config.routes);
            features.forEach(feature -> feature.addTo(router));
            routes = router.added();
            // Javalin answers its own 404/405 in plain text unless HttpResponseException has a handler
            config.routes.exception(HttpResponseException.class, ExceptionProblems::respond);
            config.routes.exception(Exception.class, ExceptionProblems::respond);
            config.routes.error(404, ExceptionProblems::respondToUnansweredNotFound);
        });
    }

    /** Every route this server serves, as {@code METHOD /path}. */
    public List<String> routes() {
        return routes;
    }

    /** Starts listening; port 0 picks a free one. */
    public ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The requests being answered: what a stop waits for, and what a test can await. */
    public InFlightRequests inFlight() {
        return inFlight;
    }

    /**
     * Stops gracefully: new requests get a 503 problem (with Retry-After), requests in flight get up
     * to {@link #SHUTDOWN_GRACE} to finish, then the server stops.
     */
    @Override
    public void close() {
        try {
            inFlight.drain(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }

    private void admit(Context ctx) {
        if (!inFlight.admit()) {
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "the server is shutting down; please retry");
        }
        RequestState.admitted(ctx);
    }

    private void release(Context ctx) {
        if (RequestState.wasAdmitted(ctx)) {
            inFlight.release();
        }
    }
}
