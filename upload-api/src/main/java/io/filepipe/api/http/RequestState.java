package io.filepipe.api.http;

import io.filepipe.api.auth.Caller;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the server learns about a request while answering it (its id, route, caller, problem,
 * the path to log, and whether it was counted in flight), kept on the request so that the access log, the problem bodies
 * and the graceful stop can read it back.
 */
final class RequestState {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String REQUEST_ID_ATTR = "filepipe.requestId";
    private static final String CALLER_ATTR = "filepipe.caller";
    private static final String ROUTE_ATTR = "filepipe.route";
    private static final String PROBLEM_ATTR = "filepipe.problem";
    private static final String ADMITTED_ATTR = "filepipe.inFlight";
    private static final String LOGGED_PATH_ATTR = "filepipe.loggedPath";

    private RequestState() {
    }

    /** Takes the client's X-Request-Id when it is safe to log, else makes one; echoes it in the response. */
    static void assignRequestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID_ATTR, id);
        ctx.header("X-Request-Id", id);
    }

    static String requestId(Context ctx) {
        return ctx.attribute(REQUEST_ID_ATTR);
    }

    static void route(Context ctx, String path) {
        ctx.attribute(ROUTE_ATTR, path);
    }

    /** The route's path pattern ({@code /files/{id}}), or null when no route matched. */
    static String route(Context ctx) {
        return ctx.attribute(ROUTE_ATTR);
    }

    static void caller(Context ctx, Caller caller) {
        ctx.attribute(CALLER_ATTR, caller);
    }

    /** The verified caller, or null when the request was not (or not yet) authenticated. */
    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER_ATTR);
    }

    static void problem(Context ctx, ProblemType type) {
        ctx.attribute(PROBLEM_ATTR, type);
    }

    /** The problem the request was answered with, or null. */
    static ProblemType problem(Context ctx) {
        return ctx.attribute(PROBLEM_ATTR);
    }

    static void admitted(Context ctx) {
        ctx.attribute(ADMITTED_ATTR, true);
    }

    /** Whether the request was counted in {@link InFlightRequests} (a refused one never is). */
    static boolean wasAdmitted(Context ctx) {
        return ctx.attribute(ADMITTED_ATTR) != null;
    }

    /** The path to log instead of the request's, for a path that carries a secret (a share link's id). */
    static void loggedPath(Context ctx, String path) {
        ctx.attribute(LOGGED_PATH_ATTR, path);
    }

    /** What the logs name the request's path: the request's own unless a route replaced it. */
    static String loggedPath(Context ctx) {
        String replaced = ctx.attribute(LOGGED_PATH_ATTR);
        return replaced != null ? replaced : ctx.path();
    }
}
