package io.filepipe.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.logging.JsonLogs;
import io.filepipe.core.logging.LogLine;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

/**
 * The saved queries and the uploads widget ask only for fields the lines they read carry: a
 * processor's result line and an API's access line, each with the fields its writer sets
 * ({@code ResultLog}, {@code AccessLog}), rendered by that function's own log configuration.
 */
class LogQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Logs Insights' own words; what is left of a query is field names. */
    private static final Set<String> SYNTAX = Set.of("fields", "filter", "sort", "asc", "desc", "and", "or", "not",
            "in", "like", "stats", "sum", "count", "avg", "min", "max", "by", "bin", "as", "ispresent");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");
    private static final Pattern ALIAS = Pattern.compile("\\bas\\s+[A-Za-z]+");
    private static final Pattern WORD = Pattern.compile("@?[A-Za-z][A-Za-z0-9.]*");

    private static final LogEvent RESULT = Log4jLogEvent.newBuilder()
            .setLoggerName(JsonLogs.RESULT_LOGGER)
            .setLevel(Level.INFO)
            .setTimeMillis(1_795_400_000_123L)
            .setMessage(new LogLine("file result").with("status", "REJECTED").with("reason", "CONTENT_MISMATCH")
                    .with("attempt", 1).with("bytes", 149L).with("contentType", "application/zip")
                    .with("durationMs", 27L))
            .setContextData(new SortedArrayStringMap(Map.of("requestId", "r-1", "fileId", "f-1", "userId", "u-1")))
            .build();
    private static final LogEvent ACCESS = Log4jLogEvent.newBuilder()
            .setLoggerName(JsonLogs.ACCESS_LOGGER)
            .setLevel(Level.INFO)
            .setTimeMillis(1_795_400_000_100L)
            .setMessage(new LogLine("request").with("method", "POST").with("path", Api.UPLOAD_PATH)
                    .with("requestId", "r-0").with("route", Api.UPLOAD_PATH).with("status", 413).with("latencyMs", 3.5)
                    .with("userId", "u-1").with("problem", "https://filepipe.io/problems/file-too-large"))
            .build();

    @Test
    void theFileStoryAsksOnlyForFieldsOfResultAndAccessLines() throws IOException {
        assertFieldsExist(LogQueries.FILE_STORY, resultLine(), accessLine());
    }

    @Test
    void theFailuresQueryAsksOnlyForFieldsOfResultLines() throws IOException {
        assertFieldsExist(LogQueries.FAILURES, resultLine());
    }

    @Test
    void theUserUploadsQueryAsksOnlyForFieldsOfResultAndAccessLines() throws IOException {
        assertFieldsExist(LogQueries.USER_UPLOADS, resultLine(), accessLine());
    }

    @Test
    void theUploadsWidgetCountsByFieldsOfAccessLines() throws IOException {
        assertFieldsExist(LogQueries.UPLOADS_PER_MINUTE, accessLine());
    }

    @Test
    void theFieldsOfAQueryAreItsWordsWithoutSyntaxStringsOrAliases() {
        assertEquals(new TreeSet<>(Set.of("status", "logger", "method")),
                fields("fields status | filter logger = \"a b\" and method in [\"x\"] | stats count(*) as n by bin(1m)"));
    }

    private static void assertFieldsExist(String query, JsonNode... lines) {
        Set<String> carried = new HashSet<>();
        for (JsonNode line : lines) {
            line.fieldNames().forEachRemaining(carried::add);
        }
        Set<String> asked = fields(query);
        assertFalse(asked.isEmpty(), query);
        Set<String> missing = new TreeSet<>(asked);
        missing.removeAll(carried);
        assertEquals(Set.of(), missing, "fields no line carries, in " + query);
    }

    /** The names a query filters on, shows or aggregates, without Logs Insights' own {@code @} fields. */
    static Set<String> fields(String query) {
        String bare = ALIAS.matcher(STRING.matcher(query).replaceAll(" ")).replaceAll(" ").replace("bin(1m)", " ");
        Set<String> fields = new TreeSet<>();
        WORD.matcher(bare).results().map(match -> match.group())
                .filter(word -> !word.startsWith("@") && !SYNTAX.contains(word))
                .forEach(fields::add);
        return fields;
    }

    private static JsonNode resultLine() throws IOException {
        return render("filepipe-processor-log4j2.xml", RESULT);
    }

    private static JsonNode accessLine() throws IOException {
        return render("filepipe-log4j2.xml", ACCESS);
    }

    /** The line the configuration's root appender writes for {@code event}. */
    private static JsonNode render(String resource, LogEvent event) throws IOException {
        ConfigurationSource source = ConfigurationSource.fromResource(resource, LogQueriesTest.class.getClassLoader());
        assertNotNull(source, resource + " is on the class path");
        Configuration config = new XmlConfiguration(new LoggerContext(resource), source);
        config.initialize();
        List<Appender> appenders = List.copyOf(config.getRootLogger().getAppenders().values());
        assertEquals(1, appenders.size(), resource);
        return JSON.readTree(appenders.getFirst().getLayout().toSerializable(event).toString());
    }
}
