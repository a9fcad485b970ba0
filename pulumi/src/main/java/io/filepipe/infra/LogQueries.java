package io.filepipe.infra;

import io.filepipe.core.logging.JsonLogs;

/**
 * The Logs Insights queries that read filepipe's JSON lines: saved in the account (see
 * {@link ResultsDashboard}) and, for uploads, drawn on the dashboard. Every field they filter on or
 * show is a top-level field of the lines core's {@code filepipe/log-event.json} renders: the
 * processor's result lines ({@value JsonLogs#RESULT_LOGGER}) and the API's access lines
 * ({@value JsonLogs#ACCESS_LOGGER}). A saved query takes no parameters: the user replaces the
 * placeholder before running it.
 */
final class LogQueries {

    /** Replaced by a file's id before {@link #FILE_STORY} runs. */
    static final String FILE_ID = "FILE_ID";
    /** Replaced by a user's id (the token's {@code sub}) before {@link #USER_UPLOADS} runs. */
    static final String USER_ID = "USER_ID";

    /**
     * One file's whole story, oldest first: the API's lines about it, the workflow's (which name it
     * only in an error's cause, hence the text match) and the processor's result.
     */
    static final String FILE_STORY = """
            fields @timestamp, @log, level, message, fileId, userId, status, reason, durationMs, \
            method, path, latencyMs
            | filter fileId = "%1$s" or @message like "%1$s"
            | sort @timestamp asc""".formatted(FILE_ID);

    /** The files that did not become PROCESSED, newest first, with why (the console's default range is the last hour). */
    static final String FAILURES = """
            fields @timestamp, fileId, userId, status, reason, attempt, durationMs
            | filter logger = "%s" and status in ["FAILED", "REJECTED"]
            | sort @timestamp desc""".formatted(JsonLogs.RESULT_LOGGER);

    /** One user's uploads as the API saw them and how each ended, newest first. */
    static final String USER_UPLOADS = """
            fields @timestamp, fileId, status, reason, durationMs, method, path, latencyMs, problem, requestId
            | filter userId = "%s" and (logger = "%s" or (logger = "%s" and method = "POST" and path = "%s"))
            | sort @timestamp desc""".formatted(USER_ID, JsonLogs.RESULT_LOGGER, JsonLogs.ACCESS_LOGGER,
            Api.UPLOAD_PATH);

    /** Accepted uploads per minute from the API's access lines (201; a replayed upload answers 200 and is not counted). */
    static final String UPLOADS_PER_MINUTE = """
            filter logger = "%s" and method = "POST" and path = "%s" and status = 201
            | stats count(*) as uploaded by bin(1m)""".formatted(JsonLogs.ACCESS_LOGGER, Api.UPLOAD_PATH);

    /**
     * Cold starts: the functions log in JSON ({@link ContainerFunction}), so Lambda's REPORT line
     * is a {@code platform.report} record whose metrics carry {@code initDurationMs} only after an init.
     */
    static final String INIT_DURATIONS = """
            filter type = "platform.report" and ispresent(record.metrics.initDurationMs)
            | stats count(*) as coldStarts, avg(record.metrics.initDurationMs) as avgInitMs, \
            max(record.metrics.initDurationMs) as maxInitMs by bin(5m)""";

    private LogQueries() {
    }
}
