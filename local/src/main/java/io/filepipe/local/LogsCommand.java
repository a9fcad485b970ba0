package io.filepipe.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.logging.JsonLogs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code logs}: the stack's result lines ({@value #RESULTS}) and request lines ({@value #REQUESTS})
 * as one table, oldest first, with the fields the deployment's saved Logs Insights queries show —
 * for a file: its status, the reason and how long processing took; for a request: its status,
 * method and path and its latency. {@code --file} keeps the lines that mention one file, as the
 * "one file's story" query does; {@code --follow} keeps printing lines as they are written.
 */
final class LogsCommand {

    static final String RESULTS = "processor.log";
    static final String REQUESTS = "requests.log";
    static final String HEADER = row("TIME", "FILE", "USER", "STATUS", "DETAIL", "MS");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<JsonNode> BY_TIME = Comparator.comparing(line -> line.path("timestamp").asText());

    private LogsCommand() {
    }

    /**
     * Exit status 1 if the directory holds no stack's logs; with {@code follow}, returns 0 once the
     * thread is interrupted.
     */
    static int run(Path dataDir, boolean follow, Optional<String> fileId, PrintStream out, PrintStream err)
            throws IOException {
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            err.println(CommandLine.PROGRAM + ": no logs in " + dataDir + " (a stack started with up writes them)");
            return 1;
        }
        out.println(HEADER);
        try (LogTail tail = LogTail.open(logs, List.of(RESULTS, REQUESTS))) {
            print(tail.read(), fileId, out);
            while (follow) {
                print(tail.awaitMore(), fileId, out);
            }
        } catch (InterruptedException | ClosedByInterruptException e) {
            // an interrupt while a log file is being read closes its channel: the same end of --follow
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void print(List<String> lines, Optional<String> fileId, PrintStream out) {
        lines.stream()
                .filter(line -> fileId.isEmpty() || line.contains(fileId.get()))
                .map(LogsCommand::parse)
                .flatMap(Optional::stream)
                .sorted(BY_TIME)
                .map(LogsCommand::row)
                .flatMap(Optional::stream)
                .forEach(out::println);
        out.flush();
    }

    /**
     * A result or request line as a row of the table; empty for any other line. The file filter
     * works on the text of the line, so a request about a file ({@code GET /files/<id>}) counts.
     */
    static Optional<String> row(JsonNode line) {
        String logger = line.path("logger").asText();
        if (logger.equals(JsonLogs.RESULT_LOGGER)) {
            return Optional.of(row(line.path("timestamp").asText(), text(line, "fileId"), text(line, "userId"),
                    text(line, "status"), text(line, "reason"), text(line, "durationMs")));
        }
        if (logger.equals(JsonLogs.ACCESS_LOGGER)) {
            String detail = text(line, "method") + " " + text(line, "path")
                    + (line.has("problem") ? " " + text(line, "problem") : "");
            return Optional.of(row(line.path("timestamp").asText(), "", text(line, "userId"), text(line, "status"),
                    detail, text(line, "latencyMs")));
        }
        return Optional.empty();
    }

    /** A user is a token's {@code sub}, a UUID on Cognito and in the local issuer: 36 characters. */
    private static String row(String time, String file, String user, String status, String detail, String millis) {
        return "%-24s  %-26s  %-36s  %-9s  %-40s  %8s".formatted(time, file, user, status, detail, millis).stripTrailing();
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static Optional<JsonNode> parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty(); // not a line a stack wrote (a file edited by hand): nothing to show
        }
    }
}
