package io.filepipe.bench.capacity;

/**
 * A documented AWS limit the model measures a load against.
 *
 * @param name   what is limited, per what
 * @param limit  the default value
 * @param unit   of the limit, e.g. "write units/s"
 * @param source where AWS documents it
 */
public record Quota(String name, double limit, String unit, String source) {

    private static final String DYNAMODB_QUOTAS = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html";
    private static final String DYNAMODB_PARTITIONS =
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html";

    /** One partition key value's write rate, on the table and on a GSI alike (key range throughput). */
    public static final Quota PARTITION_WRITES = new Quota("DynamoDB writes per partition", 1_000, "write units/s",
            DYNAMODB_PARTITIONS);
    public static final Quota PARTITION_READS = new Quota("DynamoDB reads per partition", 3_000, "read units/s",
            DYNAMODB_PARTITIONS);
    /** An on-demand table's (and each of its GSIs') request units; can be raised. */
    public static final Quota TABLE_WRITES = new Quota("DynamoDB on-demand writes per table", 40_000,
            "write units/s", DYNAMODB_QUOTAS);
    public static final Quota STREAM_READERS = new Quota("DynamoDB Streams readers per shard", 2, "readers",
            DYNAMODB_QUOTAS);
    public static final Quota PIPE_PARALLELIZATION = new Quota("EventBridge Pipes ParallelizationFactor", 10,
            "batches per shard", "https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceDynamoDBStreamParameters.html");
    public static final Quota INLINE_MAP = new Quota("Step Functions inline Map concurrency", 40, "iterations",
            "https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html");
    /**
     * The Express StartExecution token bucket's refill rate; the page has no row of its own for
     * StartSyncExecution, which the pipe calls, so the model holds it to the same rate.
     */
    public static final Quota EXPRESS_STARTS = new Quota("Step Functions Express executions started", 6_000,
            "executions/s", "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html");
    public static final Quota EXPRESS_DURATION = new Quota("Step Functions Express execution duration", 300,
            "s", "https://docs.aws.amazon.com/step-functions/latest/dg/express-limits.html");
    public static final Quota EXPRESS_PAYLOAD = new Quota("Step Functions execution input", 262_144, "bytes",
            "https://docs.aws.amazon.com/step-functions/latest/dg/express-limits.html");
    /** The account's concurrent executions in a region; can be raised. */
    public static final Quota LAMBDA_CONCURRENCY = new Quota("Lambda concurrent executions per account", 1_000,
            "executions", "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html");
    /** How fast one function may add execution environments. */
    public static final Quota LAMBDA_SCALING = new Quota("Lambda scaling per function", 1_000,
            "environments per 10 s", "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html");
    public static final Quota API_GATEWAY_RATE = new Quota("API Gateway requests per account", 10_000, "requests/s",
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html");
    private static final String S3_PERFORMANCE =
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html";
    public static final Quota S3_PREFIX_WRITES = new Quota("S3 PUT/COPY/POST/DELETE per prefix", 3_500, "requests/s",
            S3_PERFORMANCE);
    public static final Quota S3_PREFIX_READS = new Quota("S3 GET/HEAD per prefix", 5_500, "requests/s",
            S3_PERFORMANCE);

    /** The same quota raised to {@code raised} (a request to AWS Support or Service Quotas). */
    public Quota raisedTo(double raised) {
        return new Quota(name, raised, unit, source);
    }
}
