package io.filepipe.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * An EMF environment for the processor in the bench JVM: every metrics document is serialized, as
 * Lambda's console sink does, and then dropped instead of printed, so the table stays readable and
 * the processor still pays for its metrics.
 */
final class SerializedMetrics implements Environment, ISink {

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "filepipe-bench";
    }

    @Override
    public String getType() {
        return "Bench";
    }

    @Override
    public String getLogGroupName() {
        return getName();
    }

    @Override
    public void configureContext(MetricsContext context) {
        // nothing environment-specific
    }

    @Override
    public ISink getSink() {
        return this;
    }

    @Override
    public void accept(MetricsContext context) {
        try {
            context.serialize();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return CompletableFuture.completedFuture(null);
    }
}
