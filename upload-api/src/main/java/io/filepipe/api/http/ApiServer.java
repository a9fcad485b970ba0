package io.filepipe.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.filepipe.api.auth.Caller;
import io.filepipe.api.auth.InvalidToken;
import io.filepipe.api.auth.KeysUnavailable;
import io.filepipe.api.auth.TokenVerifier;
import io.filepipe.api.files.FileNotFound;
import io.filepipe.api.files.FileService;
import io.filepipe.api.upload.IdempotencyKeyReused;
import io.filepipe.api.upload.InvalidUpload;
import io.filepipe.api.upload.PayloadTooLarge;
import io.filepipe.api.upload.UploadNotStored;
import io.filepipe.api.upload.UploadReceipt;
import io.filepipe.api.upload.UploadRequestParser;
import io.filepipe.api.upload.UploadService;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.logging.LogLine;
import io.filepipe.core.store.InvalidCursor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP face of the upload API: routes, authentication, problem+json errors and one access-log
 * line per request. The work itself is done by {@link UploadService} and {@link FileService}.
 */
public final class ApiServer implements AutoCloseable {

    /** Routes served without a token. */
    public static final String HEALTH_PATH = "/health";

    private static final Logger ACCESS = LogManager.getLogger("filepipe.access");
    private static final Logger LOG = LogManager.getLogger(ApiServer.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String REQUEST_ID_ATTR = "filepipe.requestId";
    private static final String CALLER_ATTR = "filepipe.caller";
    private static final String ROUTE_ATTR = "filepipe.route";
    private static final String PROBLEM_ATTR = "filepipe.problem";
    private static final String COUNTED_ATTR = "filepipe.inFlight";
    private static final int DEFAULT_PAGE = 20;
    /** How long a stop waits for requests in flight (Lambda gives an extension 2 s after SIGTERM; containers more). */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final int MAX_PAGE = 100;

    private final TokenVerifier verifier;
    private final UploadRequestParser parser;
    private final UploadService uploads;
    private final FileService files;
    private final Duration downloadUrlTtl;
    private final ObjectMapper json;
    private final Javalin app;
    /** Requests between the before-handler and the request log, for a graceful stop. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    public ApiServer(TokenVerifier verifier, UploadRequestParser parser, UploadService uploads, FileService files,
                     Duration downloadUrlTtl) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.files = Objects.requireNonNull(files, "files");
        this.downloadUrlTtl = Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                // the request logger (which ends our count of requests in flight) runs before Jetty has
                // completed the response; a graceful Jetty stop waits for that last write too
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
            });
            config.http.prefer405over404 = true;
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson(json, true));
            config.requestLogger.http(this::logRequest);
            config.routes.before(this::assignRequestId);
            config.routes.before(this::admit);
            route(config.routes::get, HEALTH_PATH, ctx -> ctx.json(new Views.Health("ok")));
            route(config.routes::post, "/upload", this::upload);
            route(config.routes::get, "/files", this::listFiles);
            route(config.routes::get, "/files/{id}", this::getFile);
            route(config.routes::get, "/files/{id}/content", this::downloadFile);
            route(config.routes::delete, "/files/{id}", this::deleteFile);
            route(config.routes::get, "/user", this::user);
            // Javalin answers its own 404/405 in plain text unless HttpResponseException has a handler
            config.routes.exception(HttpResponseException.class, this::handleException);
            config.routes.exception(Exception.class, this::handleException);
            config.routes.error(404, ctx -> {
                if (ctx.attribute(PROBLEM_ATTR) == null) {
                    problem(ctx, ProblemType.NOT_FOUND, "no route matches " + ctx.method() + " " + ctx.path(), null);
                }
            });
        });
    }

    private interface RouteAdder {
        void add(String path, Handler handler);
    }

    private static void route(RouteAdder adder, String path, Handler handler) {
        adder.add(path, ctx -> {
            ctx.attribute(ROUTE_ATTR, path);
            handler.handle(ctx);
        });
    }

    /** Starts listening; port 0 picks a free one. */
    public ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /**
     * Stops gracefully: new requests get a 503 problem (with Retry-After), requests in flight get up
     * to {@link #SHUTDOWN_GRACE} to finish, then the server stops.
     */
    @Override
    public void close() {
        draining = true;
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                try {
                    inFlight.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        app.stop();
    }

    private void admit(Context ctx) {
        if (draining) {
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "the server is shutting down; please retry");
        }
        inFlight.incrementAndGet();
        ctx.attribute(COUNTED_ATTR, true);
    }

    private void release(Context ctx) {
        if (ctx.attribute(COUNTED_ATTR) != null) {
            synchronized (inFlight) {
                inFlight.decrementAndGet();
                inFlight.notifyAll();
            }
        }
    }

    // ---- routes ----

    private void upload(Context ctx) {
        Caller caller = authenticate(ctx);
        requireJson(ctx);
        String key = idempotencyKey(ctx);
        long declared = ctx.req().getContentLengthLong();
        UploadReceipt receipt = uploads.upload(caller.userId(), parser.parse(ctx.bodyInputStream(), declared), key);
        ctx.status(receipt.replayed() ? 200 : 201)
                .header("Location", Views.location(receipt.fileId().value()))
                .json(Views.UploadResponse.of(receipt));
        if (receipt.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
    }

    private void listFiles(Context ctx) {
        Caller caller = authenticate(ctx);
        int limit = pageLimit(ctx.queryParam("limit"));
        ctx.json(Views.FileList.of(files.list(caller.userId(), limit, ctx.queryParam("cursor"))));
    }

    private void getFile(Context ctx) {
        Caller caller = authenticate(ctx);
        ctx.json(Views.FileView.of(files.get(caller.userId(), ctx.pathParam("id"))));
    }

    private void downloadFile(Context ctx) {
        Caller caller = authenticate(ctx);
        URI url = files.downloadUrl(caller.userId(), ctx.pathParam("id"));
        ctx.status(302).header("Location", url.toString()).header("Cache-Control", "no-store")
                .json(new Views.DownloadView(url.toString(), downloadUrlTtl.toSeconds()));
    }

    private void deleteFile(Context ctx) {
        Caller caller = authenticate(ctx);
        files.delete(caller.userId(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void user(Context ctx) {
        ctx.json(Views.UserView.of(authenticate(ctx)));
    }

    // ---- request plumbing ----

    private void assignRequestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID_ATTR, id);
        ctx.header("X-Request-Id", id);
    }

    private Caller authenticate(Context ctx) {
        Caller caller = verifier.verify(ctx.header("Authorization"));
        ctx.attribute(CALLER_ATTR, caller);
        return caller;
    }

    private static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return; // like API Gateway, a body without a declared type is read as JSON
        }
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json (with curl: -H 'Content-Type: application/json')");
        }
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ApiException(ProblemType.INVALID_PARAMETER,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    private static int pageLimit(String raw) {
        if (raw == null) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as an out-of-range number
        }
        throw new ApiException(ProblemType.INVALID_PARAMETER, "limit must be a whole number from 1 to " + MAX_PAGE);
    }

    // ---- errors ----

    private void handleException(Exception e, Context ctx) {
        switch (e) {
            case InvalidUpload u -> problem(ctx, switch (u.kind()) {
                case MALFORMED_JSON -> ProblemType.MALFORMED_JSON;
                case INVALID_FIELD -> ProblemType.INVALID_FIELD;
                case INVALID_BASE64 -> ProblemType.INVALID_BASE64;
                case INVALID_FILE_NAME -> ProblemType.INVALID_FILE_NAME;
                case EMPTY_FILE -> ProblemType.EMPTY_FILE;
            }, u.getMessage(), u.field());
            case PayloadTooLarge p -> problem(ctx, ProblemType.PAYLOAD_TOO_LARGE, p.getMessage(), null);
            case InvalidToken t -> {
                ctx.header("WWW-Authenticate", t.isMissing()
                        ? "Bearer realm=\"filepipe\""
                        : "Bearer realm=\"filepipe\", error=\"invalid_token\", error_description=\"" + t.getMessage() + "\"");
                problem(ctx, ProblemType.UNAUTHORIZED, t.getMessage(), null);
            }
            case FileNotFound f -> problem(ctx, ProblemType.NOT_FOUND, "no file with this id", null);
            case InvalidCursor c -> problem(ctx, ProblemType.INVALID_PARAMETER, "cursor is not valid", "cursor");
            case IdempotencyKeyReused r -> problem(ctx, ProblemType.IDEMPOTENCY_KEY_REUSED, r.getMessage(), null);
            case ApiException a -> {
                if (a.type() == ProblemType.SERVICE_UNAVAILABLE) {
                    ctx.header("Retry-After", "1");
                }
                problem(ctx, a.type(), a.getMessage(), null);
            }
            case UploadNotStored s -> unavailable(ctx, s.getMessage(), s.getCause());
            case KeysUnavailable k -> unavailable(ctx, "token keys could not be fetched", k.getCause());
            case StorageUnavailable s when s.isTransient() -> unavailable(ctx, "storage call failed", s);
            case HttpResponseException h when h.getStatus() == 405 -> {
                ctx.header("Allow", allowed(h));
                problem(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path(), null);
            }
            case HttpResponseException h when h.getStatus() == 404 ->
                    problem(ctx, ProblemType.NOT_FOUND, "no route matches " + ctx.method() + " " + ctx.path(), null);
            default -> {
                LOG.error(event("unhandled_error", ctx), e);
                problem(ctx, ProblemType.INTERNAL_ERROR, "the request could not be completed", null);
            }
        }
    }

    private static String allowed(HttpResponseException e) {
        String methods = e.getDetails().get("availableMethods");
        return methods == null ? "" : methods.replace("[", "").replace("]", "");
    }

    private void unavailable(Context ctx, String what, Throwable cause) {
        LOG.warn(event("dependency_unavailable", ctx).with("what", what), cause);
        ctx.header("Retry-After", "1");
        problem(ctx, ProblemType.SERVICE_UNAVAILABLE, "please retry shortly", null);
    }

    private void problem(Context ctx, ProblemType type, String detail, String field) {
        ctx.attribute(PROBLEM_ATTR, type);
        Problem body = Problem.of(type, detail, ctx.path(), ctx.attribute(REQUEST_ID_ATTR), field);
        try {
            ctx.status(type.status()).contentType("application/problem+json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body always serializes", e);
        }
    }

    // ---- logging ----

    private static LogLine event(String name, Context ctx) {
        return new LogLine(name)
                .with("method", ctx.method().name())
                .with("path", ctx.path())
                .with("requestId", String.valueOf((Object) ctx.attribute(REQUEST_ID_ATTR)));
    }

    private void logRequest(Context ctx, Float millis) {
        release(ctx);
        LogLine line = event("request", ctx)
                .with("route", String.valueOf((Object) ctx.attribute(ROUTE_ATTR)))
                .with("status", ctx.statusCode())
                .with("latencyMs", Math.round(millis * 100) / 100.0);
        Caller caller = ctx.attribute(CALLER_ATTR);
        if (caller != null) {
            line.with("userId", caller.userId().value());
        }
        ProblemType problem = ctx.attribute(PROBLEM_ATTR);
        if (problem != null) {
            line.with("problem", problem.uri().toString());
        }
        ACCESS.info(line);
    }
}
