package io.filepipe.bench.capacity;

import java.util.List;
import java.util.Map;

/**
 * What the model says about one workload on one design.
 *
 * @param workload                the load
 * @param design                  the design
 * @param loads                   every rate with its quota
 * @param streamShards            the stream's shards (one per table partition)
 * @param recordsPerShard         matching records per shard and second
 * @param batchSeconds            how long one full batch takes (overhead and its slowest file)
 * @param shardCapacity           files per second one shard's pipe can process
 * @param batchesInFlightPerShard batches of a shard being processed at once (Little's law)
 * @param executionsPerSecond     workflow executions started
 * @param transitionsPerSecond    state transitions, counted from the workflow's definition
 * @param lagSeconds              mean time from the item's write to its file's end; infinite when
 *                                the pipe cannot keep up
 * @param processorConcurrency    the processor's concurrent executions
 * @param apiConcurrency          the upload API's concurrent executions
 * @param costPerHour             dollars per hour by service
 */
public record Assessment(Workload workload, Design design, List<Load> loads, int streamShards,
                         double recordsPerShard, double batchSeconds, double shardCapacity,
                         double batchesInFlightPerShard, double executionsPerSecond, double transitionsPerSecond,
                         double lagSeconds, double processorConcurrency, double apiConcurrency,
                         Map<String, Double> costPerHour) {

    /** The highest share of a quota used by the whole system's load (one user's loads apart). */
    public double maxSharedUtilization() {
        return loads.stream().filter(l -> l.scope() == Load.Scope.SYSTEM).mapToDouble(Load::utilization).max().orElse(0);
    }

    /** The load called {@code what}. */
    public Load load(String what) {
        return loads.stream().filter(l -> l.what().equals(what)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no load '" + what + "'"));
    }

    public double totalCostPerHour() {
        return costPerHour.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
