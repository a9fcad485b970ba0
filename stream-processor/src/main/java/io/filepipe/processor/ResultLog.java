package io.filepipe.processor;

import io.filepipe.core.ProcessingResult;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.core.logging.LogLine;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Writes the one result line per file, on the logger {@value JsonLogs#RESULT_LOGGER}. Its fields sit at the top
 * level of the JSON event next to the thread context ({@code requestId}, {@code fileId},
 * {@code userId}), so Logs Insights can filter and aggregate on them directly. It carries no file
 * content and no names.
 */
final class ResultLog {

    static final String MESSAGE = "file result";

    private static final Logger LOG = LogManager.getLogger(JsonLogs.RESULT_LOGGER);

    public void write(Outcome outcome) {
        LogLine line = new LogLine(MESSAGE);
        line.with("status", outcome.status());
        if (outcome.reason() != null) {
            line.with("reason", outcome.reason());
        }
        switch (outcome) {
            case Outcome.Processed p -> {
                line.with("attempt", p.attempt()).with("bytes", p.bytes());
                withResult(line, p.result());
            }
            case Outcome.Rejected r -> {
                line.with("attempt", r.attempt()).with("bytes", r.bytes());
                withResult(line, r.result());
            }
            case Outcome.Failed f -> line.with("attempt", f.attempt());
            case Outcome.Skipped s -> {
                if (s.itemStatus() != null) {
                    line.with("itemStatus", s.itemStatus().name());
                }
            }
        }
        line.with("durationMs", outcome.durationMs());
        LOG.log(outcome instanceof Outcome.Failed ? Level.WARN : Level.INFO, line);
    }

    private static void withResult(LogLine line, ProcessingResult result) {
        line.with("contentType", result.contentType());
        if (result.width() != null) {
            line.with("width", result.width()).with("height", result.height());
        }
        if (result.extensionMismatch()) {
            line.with("extensionMismatch", true);
        }
    }
}
