package io.filepipe.bench.capacity;

import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Rates, quotas and cost of a workload on a design, per second, from the project's own rules:
 * which key every write goes to ({@link KeyScheme}: one partition per user, the sweep index's
 * {@code <status>#<n>} keys), how many writes one file costs (the store's create, claim and finish,
 * and the sweep index moves they cause, see {@link #TABLE_WRITES_PER_FILE}), how the pipe batches
 * (core's {@code pipeline.json}) and what an execution runs (the workflow's definition).
 *
 * <p>The pipe's part is a queue per stream shard: {@code parallelizationFactor} batches in flight,
 * each taking the platform's overhead plus its slowest file (an inline Map waits for its last
 * iteration, and for no attempt longer than the task's timeout), so one shard carries
 * {@code parallelizationFactor × batchSize / batchTime} files a second.
 */
public final class CapacityModel {

    /** Below this share of every quota a load counts as sustainable (issue 17's rule). */
    public static final double HEADROOM = 0.7;
    /**
     * The file item's writes: create (PutItem PENDING), claim (UpdateItem to PROCESSING), finish
     * (UpdateItem to PROCESSED/REJECTED/FAILED): DynamoDbFileStore's create, claim and transition.
     */
    static final int TABLE_WRITES_PER_FILE = 3;
    /**
     * The sparse sweep index: the create puts the file under PENDING#n, the claim moves it to
     * PROCESSING#n (a delete and a put: the key changed), the finish removes it. Two writes land
     * on each status's key; its items hold keys only, 1 write unit each.
     */
    static final int SWEEP_WRITES_PER_FILE = 4;
    static final int SWEEP_WRITES_PER_KEY = 2;
    /** A stream record in Pipes' shape with the item's new image, as the workflow gets it. */
    static final int RECORD_BYTES = 1_500;
    /** The API's time per {@code GET /files/{id}} (one GetItem). */
    static final double READ_SECONDS = 0.02;
    /** Both functions' memory (Pulumi's default, 1024 MB) and an Express execution's billed memory. */
    static final double LAMBDA_GB = 1.0;
    static final double EXPRESS_GB = 0.0625;
    /** Log bytes one upload writes in all (docs/deploy.md's cost table). */
    static final int LOG_BYTES_PER_UPLOAD = 5_000;
    /** Pipes reading the stream: the processing pipe and the result events' pipe. */
    static final int STREAM_READERS = 2;

    /**
     * Where the pipeline runs: AWS, or the local stack (whose pipe the bench checks the formulas on).
     *
     * @param pollSeconds     the mean time between two polls of a shard: what arrives in it makes a batch
     * @param pollWaitSeconds the mean time a new record waits for the next poll (half the interval
     *                        when polls are evenly spaced; more when they are not)
     * @param overheadSeconds per batch, besides its files: the pipe's call, the execution's start,
     *                        the Lambda invoke
     * @param fixedShards     the stream's shards when the platform fixes them (DynamoDB Local),
     *                        or 0 to derive them from the table's partitions
     * @param prices          what each request costs
     */
    public record Platform(double pollSeconds, double pollWaitSeconds, double overheadSeconds, int fixedShards,
                           Prices prices) {

        /**
         * AWS: a stream shard polled four times a second (as Lambda's event source mapping does;
         * Pipes does not document its rate) and 0.1 s per batch for the pipe's StartSyncExecution
         * and the Map's Lambda invoke (assumed, not measured).
         */
        public static final Platform AWS = new Platform(0.25, 0.125, 0.1, 0, Prices.US_EAST_1);
    }

    private CapacityModel() {
    }

    public static Assessment assess(Workload w, Design d) {
        return assess(w, d, Platform.AWS);
    }

    public static Assessment assess(Workload w, Design d, Platform platform) {
        double rate = w.uploadsPerSecond();
        double unitsPerFile = writeUnitsPerFile(w);
        double tableWrites = rate * unitsPerFile;
        double readUnitsPerGet = Math.max(1, Math.ceil(w.itemBytes() / 4096.0));
        double tableReads = rate * w.readsPerUpload() * readUnitsPerGet;
        double sweepWrites = rate * SWEEP_WRITES_PER_FILE;
        double sweepKeyWrites = rate * SWEEP_WRITES_PER_KEY / d.sweepKeysPerStatus();
        double top = w.distribution().topShare(w.users());

        int shards = platform.fixedShards() > 0 ? platform.fixedShards() : partitions(tableWrites, tableReads);
        double perShard = rate / shards;
        double fullBatch = batchSeconds(d.batchSize(), w, d, platform);
        double shardCapacity = d.parallelizationFactor() * d.batchSize() / fullBatch;
        double utilization = perShard / shardCapacity;
        // what arrives on a shard between two polls (and in the window) makes a batch: its mean size
        double batch = utilization >= 1 ? d.batchSize()
                : Math.max(1, Math.min(d.batchSize(), perShard * (platform.pollSeconds() + d.batchingWindowSeconds())));
        double batchTime = batchSeconds(batch, w, d, platform);
        double inFlight = Math.min(d.parallelizationFactor(), perShard / batch * batchTime);
        double executions = rate / batch;
        WorkflowShape flow = d.workflow();
        double transitions = executions * flow.transitionsPerExecution() + rate * flow.transitionsPerFile();
        double lag = utilization >= 1 ? Double.POSITIVE_INFINITY
                : platform.pollWaitSeconds() + d.batchingWindowSeconds() + batchTime
                + fullBatch * utilization / (2 * d.parallelizationFactor() * (1 - utilization));
        double processors = rate * w.processing().meanSeconds();
        double apis = rate * (w.apiSecondsPerUpload() + w.readsPerUpload() * READ_SECONDS);

        String sweepKey = d.sweepKeysPerStatus() == 1 ? FileStatus.PENDING.name() : FileStatus.PENDING.name() + "#0";
        String user = KeyScheme.USER_PREFIX + "<busiest sub>";
        List<Load> loads = new ArrayList<>();
        loads.add(new Load("table writes", "all partitions", tableWrites, "write units/s", d.limits().tableWrites(), Load.Scope.SYSTEM));
        loads.add(new Load("sweep index writes", "all keys", sweepWrites, "write units/s", d.limits().tableWrites(), Load.Scope.SYSTEM));
        loads.add(new Load("sweep index, one key", sweepKey + " (PROCESSING alike)", sweepKeyWrites, "write units/s",
                Quota.PARTITION_WRITES, Load.Scope.SYSTEM));
        loads.add(new Load("stream records", shards + " shards", rate * (TABLE_WRITES_PER_FILE + w.idempotentShare()),
                "records/s", null, Load.Scope.SYSTEM));
        loads.add(new Load("stream readers", "each shard", STREAM_READERS, "readers", Quota.STREAM_READERS,
                Load.Scope.SETTING));
        loads.add(new Load("pipe, one shard", "files/s against PF × batch / batch time", perShard, "files/s",
                new Quota("pipe capacity per shard (this model)", shardCapacity, "files/s",
                        "PF " + d.parallelizationFactor() + " × batch " + d.batchSize() + " / "
                                + String.format(Locale.ROOT, "%.2f s", fullBatch)), Load.Scope.SYSTEM));
        loads.add(new Load("Map iterations at once", "one execution",
                flow.mapConcurrency() == 0 ? d.batchSize() : Math.min(d.batchSize(), flow.mapConcurrency()),
                "iterations", Quota.INLINE_MAP, Load.Scope.SETTING));
        loads.add(new Load("execution input", "one batch", d.batchSize() * (double) RECORD_BYTES, "bytes",
                Quota.EXPRESS_PAYLOAD, Load.Scope.SETTING));
        loads.add(new Load("Express executions", "StartSyncExecution", executions, "executions/s",
                Quota.EXPRESS_STARTS, Load.Scope.SYSTEM));
        loads.add(new Load("Lambda concurrency", "processor " + Math.round(processors) + " + API " + Math.round(apis)
                + " + reconciler 1", processors + apis + 1, "executions", d.limits().lambdaConcurrency(), Load.Scope.SYSTEM));
        loads.add(new Load("API Gateway requests", "POST /upload + GET /files/{id}", rate * (1 + w.readsPerUpload()),
                "requests/s", d.limits().apiGatewayRate(), Load.Scope.SYSTEM));
        loads.add(new Load("one user's partition, writes", user, rate * top * unitsPerFile, "write units/s",
                Quota.PARTITION_WRITES, Load.Scope.ONE_USER));
        loads.add(new Load("one user's partition, reads", user, tableReads * top, "read units/s",
                Quota.PARTITION_READS, Load.Scope.ONE_USER));
        loads.add(new Load("one user's upload prefix, PUT", KeyScheme.UPLOADS_PREFIX + "<sub>/", rate * top,
                "requests/s", Quota.S3_PREFIX_WRITES, Load.Scope.ONE_USER));
        loads.add(new Load("one user's upload prefix, GET", KeyScheme.UPLOADS_PREFIX + "<sub>/", rate * top,
                "requests/s", Quota.S3_PREFIX_READS, Load.Scope.ONE_USER));
        loads.add(new Load("one user's derived prefix, PUT", KeyScheme.DERIVED_PREFIX + "<sub>/",
                rate * top * w.thumbnailsPerFile(), "requests/s", Quota.S3_PREFIX_WRITES, Load.Scope.ONE_USER));

        Prices p = platform.prices();
        Map<String, Double> cost = new LinkedHashMap<>();
        double bodySteps = Math.ceil(w.fileBytes() * 4.0 / 3 / p.apiGatewayStepBytes());
        cost.put("API Gateway", rate * (bodySteps + w.readsPerUpload()) * p.apiGatewayPerMillion() / 1e6);
        cost.put("Lambda upload-api", apis * LAMBDA_GB * p.lambdaPerGbSecond()
                + rate * (1 + w.readsPerUpload()) * p.lambdaPerMillionRequests() / 1e6);
        cost.put("Lambda stream-processor", processors * LAMBDA_GB * p.lambdaPerGbSecond()
                + rate * p.lambdaPerMillionRequests() / 1e6);
        cost.put("DynamoDB", (tableWrites + sweepWrites) * p.dynamoPerMillionWrites() / 1e6
                + tableReads * p.dynamoPerMillionReads() / 1e6);
        cost.put("DynamoDB Streams", STREAM_READERS * shards / platform.pollSeconds() * p.streamsPerMillionReads() / 1e6);
        double chunks = Math.ceil(batch * RECORD_BYTES / p.pipesStepBytes());
        cost.put("EventBridge Pipes", executions * chunks * p.pipesPerMillion() / 1e6);
        cost.put("Step Functions Express", executions * p.expressPerMillion() / 1e6
                + executions * batchTime * EXPRESS_GB * p.expressPerGbSecond());
        cost.put("S3 requests", rate * (1 + w.thumbnailsPerFile()) * p.s3PerThousandPuts() / 1e3
                + rate * p.s3PerThousandGets() / 1e3);
        cost.put("CloudWatch Logs", rate * LOG_BYTES_PER_UPLOAD / 1e9 * p.logsPerGb());
        cost.replaceAll((service, perSecond) -> perSecond * 3600);

        return new Assessment(w, d, List.copyOf(loads), shards, perShard, fullBatch, shardCapacity, inFlight,
                executions, transitions, lag, processors, apis, cost);
    }

    /**
     * The stream's shards, one per table partition: a partition takes 1,000 write and 3,000 read
     * units a second, and an on-demand table keeps room for twice its previous peak, so a table
     * that sustains a load has at least twice the partitions that load needs; a new table starts
     * with 4,000 write units of room (4 partitions).
     */
    static int partitions(double writeUnits, double readUnits) {
        double needed = Math.max(writeUnits / Quota.PARTITION_WRITES.limit(), readUnits / Quota.PARTITION_READS.limit());
        return (int) Math.max(4, Math.ceil(2 * needed));
    }

    /** One batch of {@code files}: the overhead, and per wave of the Map its slowest file, cut at the task's timeout. */
    static double batchSeconds(double files, Workload w, Design d, Platform platform) {
        double concurrency = d.workflow().mapConcurrency() == 0 ? files : Math.min(files, d.workflow().mapConcurrency());
        int waves = (int) Math.ceil(files / concurrency);
        return platform.overheadSeconds()
                + waves * w.processing().expectedSlowestOf(concurrency, d.workflow().taskTimeoutSeconds());
    }

    /**
     * The highest upload rate at which every system-wide load stays under {@link #HEADROOM} of its
     * quota; infinite when none reaches it below ten million a second (a load that grows no faster
     * than its quota, like one shard's as shards are added).
     */
    public static double ceiling(Workload w, Design d) {
        return ceiling(w, d, Assessment::maxSharedUtilization);
    }

    /** The highest upload rate at which the load called {@code what} stays under {@link #HEADROOM} of its quota. */
    public static double ceiling(Workload w, Design d, String what) {
        return ceiling(w, d, a -> a.load(what).utilization());
    }

    private static double ceiling(Workload w, Design d, ToDoubleFunction<Assessment> used) {
        double low = 0;
        double high = 1;
        while (used.applyAsDouble(assess(w.at(high), d)) < HEADROOM) {
            low = high;
            high *= 2;
            if (high > 1e7) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 40; i++) {
            double mid = (low + high) / 2;
            if (used.applyAsDouble(assess(w.at(mid), d)) < HEADROOM) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The most one user can upload a second with their partition at {@code share} of its write units. */
    public static double singleUserCap(Workload w, double share) {
        return share * Quota.PARTITION_WRITES.limit() / writeUnitsPerFile(w);
    }

    /** Write units one file costs its owner's partition: create, claim and finish of its item. */
    static double writeUnitsPerFile(Workload w) {
        int itemUnits = (int) Math.max(1, Math.ceil(w.itemBytes() / 1024.0));
        // an idempotent upload writes the file and its idempotency record in one transaction: twice each
        double createUnits = (1 - w.idempotentShare()) * itemUnits + w.idempotentShare() * 2 * (itemUnits + 1);
        return createUnits + (TABLE_WRITES_PER_FILE - 1) * itemUnits;
    }
}
