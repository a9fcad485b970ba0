package io.filepipe.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * While open, the log lines that the running configuration sends to the console go to a file
 * instead, as JSON: a command that prints a report of its own (the {@code demo}) keeps its output
 * clean of the log lines of the stack it starts.
 */
final class ConsoleDiversion implements AutoCloseable {

    private final LoggerContext context;
    private final FileAppender file;
    private final Map<LoggerConfig, List<Appender>> diverted;

    private ConsoleDiversion(LoggerContext context, FileAppender file, Map<LoggerConfig, List<Appender>> diverted) {
        this.context = context;
        this.file = file;
        this.diverted = diverted;
    }

    static ConsoleDiversion to(Path logFile) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender file = JsonLogFile.jsonFile("console:" + logFile, logFile, config);
        config.addAppender(file);
        Map<LoggerConfig, List<Appender>> diverted = new HashMap<>();
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig logger : loggers) {
            List<Appender> consoles = logger.getAppenders().values().stream()
                    .filter(ConsoleAppender.class::isInstance).toList();
            if (!consoles.isEmpty()) {
                consoles.forEach(console -> logger.removeAppender(console.getName()));
                logger.addAppender(file, null, null);
                diverted.put(logger, consoles);
            }
        }
        context.updateLoggers();
        return new ConsoleDiversion(context, file, diverted);
    }

    @Override
    public void close() {
        diverted.forEach((logger, consoles) -> {
            logger.removeAppender(file.getName());
            consoles.forEach(console -> logger.addAppender(console, null, null));
        });
        context.updateLoggers();
        file.stop();
    }
}
