package io.filepipe.processor;

import java.util.Objects;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Publishes one CloudWatch Embedded Metric Format line per file in namespace {@value MetricNames#NAMESPACE}:
 * a count of 1 in FilesProcessed, FilesRejected, FilesFailed or FilesSkipped, and, for files this
 * attempt finished, ProcessingLatency in milliseconds.
 */
final class ProcessingMetrics {

    private final Environment environment;

    /** {@code environment} decides the sink; on Lambda that is stdout, which CloudWatch Logs ingests. */
    public ProcessingMetrics(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public void record(Outcome outcome) {
        // a logger per file: MetricsLogger accumulates values until flushed and is cheap to create
        MetricsLogger metrics = new MetricsLogger(environment);
        metrics.setNamespace(MetricNames.NAMESPACE);
        String counter = switch (outcome) {
            case Outcome.Processed p -> MetricNames.FILES_PROCESSED;
            case Outcome.Rejected r -> MetricNames.FILES_REJECTED;
            case Outcome.Failed f -> MetricNames.FILES_FAILED;
            case Outcome.Skipped s -> MetricNames.FILES_SKIPPED;
        };
        metrics.putMetric(counter, 1, Unit.COUNT);
        if (outcome instanceof Outcome.Terminal) {
            metrics.putMetric(MetricNames.PROCESSING_LATENCY, outcome.durationMs(), Unit.MILLISECONDS);
        }
        metrics.putProperty("fileId", outcome.file().fileId().value());
        metrics.putProperty("status", outcome.status());
        metrics.flush();
    }
}
