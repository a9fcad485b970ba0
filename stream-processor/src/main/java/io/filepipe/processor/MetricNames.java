package io.filepipe.processor;

import java.util.List;

/**
 * The names the processor's Embedded Metric Format documents publish under, for whoever reads
 * them (the deployment's dashboard): namespace, metrics, and the dimensions aws-embedded-metrics
 * sets by default on Lambda, each of which is the function's name but {@link #SERVICE_TYPE}.
 */
public final class MetricNames {

    public static final String NAMESPACE = "filepipe";
    public static final String FILES_PROCESSED = "FilesProcessed";
    public static final String FILES_REJECTED = "FilesRejected";
    public static final String FILES_FAILED = "FilesFailed";
    public static final String FILES_SKIPPED = "FilesSkipped";
    /** Milliseconds from claim to the terminal status, for files this attempt finished. */
    public static final String PROCESSING_LATENCY = "ProcessingLatency";
    /** A metric is stored per set of dimensions: a reader must name all of them. */
    public static final String SERVICE_TYPE = "AWS::Lambda::Function";

    private MetricNames() {
    }

    /** The dimension set of every metric, as name-value pairs, for the function {@code functionName}. */
    public static List<String> dimensions(String functionName) {
        return List.of("LogGroup", functionName, "ServiceName", functionName, "ServiceType", SERVICE_TYPE);
    }
}
