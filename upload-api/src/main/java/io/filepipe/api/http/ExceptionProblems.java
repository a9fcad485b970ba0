package io.filepipe.api.http;

import io.filepipe.api.auth.InvalidToken;
import io.filepipe.api.auth.KeysUnavailable;
import io.filepipe.api.files.FileNotFound;
import io.filepipe.api.shares.ShareExpired;
import io.filepipe.api.shares.ShareNotFound;
import io.filepipe.api.shares.TooManyShares;
import io.filepipe.api.upload.IdempotencyKeyReused;
import io.filepipe.api.upload.InvalidUpload;
import io.filepipe.api.upload.PayloadTooLarge;
import io.filepipe.api.upload.UploadExpired;
import io.filepipe.api.upload.UploadMismatch;
import io.filepipe.api.upload.UploadNotStored;
import io.filepipe.api.upload.UploadSessionNotFound;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.blob.InvalidParts;
import io.filepipe.core.logging.LogLine;
import io.filepipe.core.store.FileNotShareable;
import io.filepipe.core.store.InvalidCursor;
import io.filepipe.core.store.TooManyUploads;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The one table from exceptions to answers: for every exception a request can end with, its
 * problem type, detail and field, the headers that go with it (WWW-Authenticate, Retry-After,
 * Allow) and, for a server-side failure, the event to log. Details are written for the client and
 * never carry an exception's internals; those go to the log only.
 */
final class ExceptionProblems {

    /** The events keep the logger name they have always had: log queries select on it. */
    private static final Logger LOG = LogManager.getLogger(ApiServer.class);
    private static final Map<String, String> RETRY_AFTER = Map.of("Retry-After", "1");
    /** An open upload frees its place when it completes, is aborted or expires: not within a second. */
    private static final Map<String, String> RETRY_LATER = Map.of("Retry-After", "60");
    private static final String CHALLENGE = "Bearer realm=\"filepipe\"";

    private ExceptionProblems() {
    }

    /** What a request that failed is answered with. */
    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    record Answer(ProblemType type, String detail, String field, Map<String, String> headers, Incident incident) {

        /** A problem without extra headers or a log event. */
        static Answer of(ProblemType type, String detail) {
            return new Answer(type, detail, null, Map.of(), null);
        }
    }

    /** A failure on the server's side: the log event's name and level, what failed (or null) and the cause. */
    record Incident(Level level, String event, String what, Throwable cause) {
    }

    /** The answer to {@code e}, thrown while answering {@code method} {@code path}. */
    static Answer answer(Exception e, String method, String path) {
        return switch (e) {
            case InvalidUpload u -> new Answer(switch (u.kind()) {
                case MALFORMED_JSON -> ProblemType.MALFORMED_JSON;
                case INVALID_FIELD -> ProblemType.INVALID_FIELD;
                case INVALID_BASE64 -> ProblemType.INVALID_BASE64;
                case INVALID_FILE_NAME -> ProblemType.INVALID_FILE_NAME;
                case EMPTY_FILE -> ProblemType.EMPTY_FILE;
            }, u.getMessage(), u.field(), Map.of(), null);
            // refused unread: the rest of the body is still on the connection, so it cannot carry another request
            case PayloadTooLarge p -> new Answer(ProblemType.PAYLOAD_TOO_LARGE, p.getMessage(), null, CLOSE, null);
            case InvalidToken t -> new Answer(ProblemType.UNAUTHORIZED, t.getMessage(), null,
                    Map.of("WWW-Authenticate", t.isMissing() ? CHALLENGE
                            : CHALLENGE + ", error=\"invalid_token\", error_description=\"" + t.getMessage() + "\""),
                    null);
            case FileNotFound f -> Answer.of(ProblemType.NOT_FOUND, "no file with this id");
            case UploadSessionNotFound u -> Answer.of(ProblemType.NOT_FOUND, u.getMessage());
            case UploadExpired u -> Answer.of(ProblemType.UPLOAD_EXPIRED, u.getMessage());
            case InvalidParts p -> new Answer(ProblemType.INVALID_PARTS, p.getMessage(), "parts", Map.of(), null);
            case UploadMismatch m -> Answer.of(ProblemType.UPLOAD_MISMATCH, m.getMessage());
            case TooManyUploads t -> new Answer(ProblemType.TOO_MANY_UPLOADS,
                    t.getMessage() + "; complete or abort one (DELETE /uploads/{id})", null, RETRY_LATER, null);
            case ShareNotFound n -> Answer.of(ProblemType.NOT_FOUND, "no share link with this id");
            case ShareExpired x -> Answer.of(ProblemType.SHARE_EXPIRED, x.getMessage());
            case FileNotShareable n -> Answer.of(ProblemType.FILE_NOT_SHAREABLE, "only a PROCESSED file can be shared");
            case TooManyShares t -> Answer.of(ProblemType.TOO_MANY_SHARES, t.getMessage());
            case InvalidCursor c -> new Answer(ProblemType.INVALID_PARAMETER, "cursor is not valid", "cursor", Map.of(), null);
            case IdempotencyKeyReused r -> Answer.of(ProblemType.IDEMPOTENCY_KEY_REUSED, r.getMessage());
            case ApiException a -> new Answer(a.type(), a.getMessage(), null,
                    a.type() == ProblemType.SERVICE_UNAVAILABLE ? RETRY_AFTER : Map.of(), null);
            case UploadNotStored s when s.getCause() instanceof StorageUnavailable u && u.isThrottled() -> slowDown(u);
            case UploadNotStored s -> unavailable(s.getMessage(), s.getCause());
            case KeysUnavailable k -> unavailable("token keys could not be fetched", k.getCause());
            case StorageUnavailable s when s.isThrottled() -> slowDown(s);
            case StorageUnavailable s when s.isTransient() -> unavailable("storage call failed", s);
            case HttpResponseException h when h.getStatus() == 405 -> new Answer(ProblemType.METHOD_NOT_ALLOWED,
                    method + " is not allowed on " + path, null, Map.of("Allow", allowed(h)), null);
            case HttpResponseException h when h.getStatus() == 404 -> noRoute(method, path);
            default -> new Answer(ProblemType.INTERNAL_ERROR, "the request could not be completed", null, Map.of(),
                    new Incident(Level.ERROR, "unhandled_error", null, e));
        };
    }

    /** Logs what went wrong on the server's side, sets the headers and writes the problem body. */
    static void respond(Exception e, Context ctx) {
        Answer answer = answer(e, ctx.method().toString(), ctx.path());
        if (answer.incident() != null) {
            log(answer.incident(), ctx);
        }
        answer.headers().forEach(ctx::header);
        write(ctx, answer.type(), answer.detail(), answer.field());
    }

    /** Javalin's own 404, when no route matched and nothing else answered: a problem like any other. */
    static void respondToUnansweredNotFound(Context ctx) {
        if (RequestState.problem(ctx) == null) {
            Answer answer = noRoute(ctx.method().toString(), ctx.path());
            write(ctx, answer.type(), answer.detail(), answer.field());
        }
    }

    private static Answer noRoute(String method, String path) {
        return Answer.of(ProblemType.NOT_FOUND, "no route matches " + method + " " + path);
    }

    /**
     * The store refused the rate of writes: one user's partition takes about 1,000 write units a
     * second (docs/scaling.md), and the client that sends faster is told to slow down, not that
     * the service is down. Logged at INFO: it is the client's rate, not an incident of ours.
     */
    private static Answer slowDown(StorageUnavailable cause) {
        return new Answer(ProblemType.SLOW_DOWN, "requests for your files arrive faster than they can be stored;"
                + " nothing was stored, send it again after Retry-After", null, RETRY_AFTER,
                new Incident(Level.INFO, "throttled", "storage", cause));
    }

    private static Answer unavailable(String what, Throwable cause) {
        return new Answer(ProblemType.SERVICE_UNAVAILABLE, "please retry shortly", null, RETRY_AFTER,
                new Incident(Level.WARN, "dependency_unavailable", what, cause));
    }

    private static String allowed(HttpResponseException e) {
        String methods = e.getDetails().get("availableMethods");
        return methods == null ? "" : methods.replace("[", "").replace("]", "");
    }

    private static void log(Incident incident, Context ctx) {
        LogLine line = AccessLog.event(incident.event(), ctx);
        if (incident.what() != null) {
            line.with("what", incident.what());
        }
        LOG.log(incident.level(), line, incident.cause());
    }

    private static void write(Context ctx, ProblemType type, String detail, String field) {
        RequestState.problem(ctx, type);
        Problem body = Problem.of(type, detail, ctx.path(), RequestState.requestId(ctx), field);
        ctx.status(type.status()).contentType(Problem.MEDIA_TYPE).result(body.toJson());
    }
}
