package io.filepipe.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.filepipe.core.logging.LogLine;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * The processor's metrics environment in the local stack: Lambda's, except that each EMF document
 * goes to the {@code filepipe.metrics} logger instead of straight to {@code System.out}, so the log
 * configuration decides where it goes (the console for {@code up}, the stack's log file for
 * {@code demo}).
 */
final class LoggedMetrics extends LambdaEnvironment {

    static final String LOGGER = "filepipe.metrics";
    private static final Logger METRICS = LogManager.getLogger(LOGGER);

    private final ISink sink = new ISink() {
        @Override
        public void accept(MetricsContext context) {
            try {
                context.serialize().forEach(METRICS::info);
            } catch (JsonProcessingException e) {
                METRICS.error(new LogLine("metrics_not_serialized").with("error", e.getOriginalMessage()));
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    };

    @Override
    public ISink getSink() {
        return sink;
    }
}
