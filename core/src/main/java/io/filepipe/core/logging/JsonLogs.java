package io.filepipe.core.logging;

/**
 * What every filepipe process logs by, named once: the one JSON event template and the loggers
 * whose lines are read by name (CloudWatch Logs Insights queries, the local stack's result file).
 * Log4j's XML configurations cannot name Java constants: they name these values, and each
 * module's tests check that its configurations still do.
 */
public final class JsonLogs {

    /**
     * The {@code JsonTemplateLayout} event template, a classpath resource in core: thread context
     * ({@code requestId}, {@code fileId}, {@code userId}) and the fields of a {@link LogLine} at the
     * top level of the line.
     */
    public static final String EVENT_TEMPLATE = "filepipe/log-event.json";
    /** {@link #EVENT_TEMPLATE} as a layout's {@code eventTemplateUri}. */
    public static final String EVENT_TEMPLATE_URI = "classpath:" + EVENT_TEMPLATE;
    /** The processor's one line per file. */
    public static final String RESULT_LOGGER = "filepipe.result";
    /** The API's one line per request. */
    public static final String ACCESS_LOGGER = "filepipe.access";

    private JsonLogs() {
    }
}
