package io.filepipe.api.http;

import io.filepipe.api.auth.Caller;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.core.logging.LogLine;
import io.javalin.http.Context;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** One {@code request} line per request on the {@value JsonLogs#ACCESS_LOGGER} logger. */
final class AccessLog {

    private static final Logger ACCESS = LogManager.getLogger(JsonLogs.ACCESS_LOGGER);

    private AccessLog() {
    }

    /** A log line naming the request (method, path, request id), for the access log and the error events. */
    static LogLine event(String name, Context ctx) {
        return new LogLine(name)
                .with("method", ctx.method().name())
                .with("path", RequestState.loggedPath(ctx))
                .with("requestId", String.valueOf(RequestState.requestId(ctx)));
    }

    static void log(Context ctx, Float millis) {
        LogLine line = event("request", ctx)
                .with("route", String.valueOf(RequestState.route(ctx)))
                .with("status", ctx.statusCode())
                .with("latencyMs", Math.round(millis * 100) / 100.0);
        Caller caller = RequestState.caller(ctx);
        if (caller != null) {
            line.with("userId", caller.userId().value());
        }
        ProblemType problem = RequestState.problem(ctx);
        if (problem != null) {
            line.with("problem", problem.uri().toString());
        }
        ACCESS.info(line);
    }
}
