package io.filepipe.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** An EMF environment that keeps the serialized metric lines instead of printing or sending them. */
final class CapturedMetrics implements Environment, ISink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();

    /** The EMF documents published for one file. */
    List<JsonNode> forFile(FileRef file) {
        return lines.stream().filter(line -> file.fileId().value().equals(line.path("fileId").asText())).toList();
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "filepipe-stream-processor-test";
    }

    @Override
    public String getType() {
        return "Test";
    }

    @Override
    public String getLogGroupName() {
        return getName();
    }

    @Override
    public void configureContext(MetricsContext context) {
        // nothing environment-specific to add in tests
    }

    @Override
    public ISink getSink() {
        return this;
    }

    @Override
    public void accept(MetricsContext context) {
        try {
            for (String line : context.serialize()) {
                lines.add(JSON.readTree(line));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
