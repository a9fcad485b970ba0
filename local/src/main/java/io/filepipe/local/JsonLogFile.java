package io.filepipe.local;

import io.filepipe.core.logging.JsonLogs;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * Appends one logger's lines to a file (readable by its owner only) while a stack runs, in the same
 * JSON as on the console: the processor's result lines ({@value JsonLogs#RESULT_LOGGER}) to
 * {@code <data-dir>/logs/processor.log}, the API's request lines ({@value JsonLogs#ACCESS_LOGGER},
 * which the console shows in a short pattern) to {@code requests.log}, for {@code logs} to read.
 * Attached to the running log configuration, so it works whatever configuration file is active.
 */
final class JsonLogFile implements AutoCloseable {

    private final LoggerContext context;
    private final String loggerName;
    private final FileAppender appender;

    private JsonLogFile(LoggerContext context, String loggerName, FileAppender appender) {
        this.context = context;
        this.loggerName = loggerName;
        this.appender = appender;
    }

    /** The INFO lines of the logger {@code loggerName}, whatever level the console shows, also go to {@code file}. */
    static JsonLogFile attach(String loggerName, Path file) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender appender = jsonFile(loggerName + ":" + file, file, config);
        config.addAppender(appender);
        LoggerConfig logger = config.getLoggerConfig(loggerName);
        if (!logger.getName().equals(loggerName)) {
            logger = LoggerConfig.newBuilder().setLoggerName(loggerName).setLevel(Level.INFO)
                    .setAdditivity(true).setConfig(config).build();
            config.addLogger(loggerName, logger);
        }
        if (!logger.getLevel().isLessSpecificThan(Level.INFO)) {
            logger.setLevel(Level.INFO); // result and request lines are INFO: the file must get them whatever the console shows
        }
        logger.addAppender(appender, Level.INFO, null);
        context.updateLoggers();
        return new JsonLogFile(context, loggerName, appender);
    }

    /**
     * A started appender of JSON lines, as on the console, to {@code file}, readable by its owner
     * only (the lines name users' files).
     */
    static FileAppender jsonFile(String name, Path file, Configuration config) {
        FileAppender appender = FileAppender.newBuilder()
                .setName(name)
                .setFileName(file.toString())
                .setAppend(true)
                .setFilePermissions("rw-------")
                .setLayout(JsonTemplateLayout.newBuilder().setConfiguration(config)
                        .setEventTemplateUri(JsonLogs.EVENT_TEMPLATE_URI).build())
                .setConfiguration(config)
                .build();
        appender.start();
        return appender;
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getLoggerConfig(loggerName).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
