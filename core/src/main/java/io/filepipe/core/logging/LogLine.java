package io.filepipe.core.logging;

import org.apache.logging.log4j.message.MapMessage;

/**
 * One structured log event: typed fields that the JSON layouts of filepipe flatten into the top
 * level of the line, and a short constant message (the event's name) instead of the rendered map,
 * so nothing is written twice.
 *
 * <pre>LOG.info(new LogLine("request").with("status", 201).with("latencyMs", 12.5));</pre>
 */
public final class LogLine extends MapMessage<LogLine, Object> {

    private final String message;

    public LogLine(String message) {
        this.message = message;
    }

    @Override
    public String getFormattedMessage() {
        return message;
    }

    @Override
    public void formatTo(StringBuilder buffer) {
        buffer.append(message);
    }
}
