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
 * Appends the processor's result lines (logger {@value JsonLogs#RESULT_LOGGER}) to
 * {@code <data-dir>/logs/processor.log} (readable by its owner only) while a stack runs, in the same
 * JSON as on the console.
 * Attached to the running log configuration, so it works whatever configuration file is active.
 */
final class ResultLogFile implements AutoCloseable {

    private final LoggerContext context;
    private final FileAppender appender;

    private ResultLogFile(LoggerContext context, FileAppender appender) {
        this.context = context;
        this.appender = appender;
    }

    static ResultLogFile attach(Path file) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender appender = jsonFile("results:" + file, file, config);
        config.addAppender(appender);
        LoggerConfig logger = config.getLoggerConfig(JsonLogs.RESULT_LOGGER);
        if (!logger.getName().equals(JsonLogs.RESULT_LOGGER)) {
            logger = LoggerConfig.newBuilder().setLoggerName(JsonLogs.RESULT_LOGGER).setLevel(Level.INFO)
                    .setAdditivity(true).setConfig(config).build();
            config.addLogger(JsonLogs.RESULT_LOGGER, logger);
        }
        if (!logger.getLevel().isLessSpecificThan(Level.INFO)) {
            logger.setLevel(Level.INFO); // result lines are INFO: the file must get them whatever the console shows
        }
        logger.addAppender(appender, Level.INFO, null);
        context.updateLoggers();
        return new ResultLogFile(context, appender);
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
        config.getLoggerConfig(JsonLogs.RESULT_LOGGER).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
