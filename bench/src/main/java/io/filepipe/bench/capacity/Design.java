package io.filepipe.bench.capacity;

import io.filepipe.core.pipeline.PipeSettings;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.SweepShards;

/**
 * The design choices the model reads: how many sweep index keys each unfinished status has, how
 * the pipe batches, the workflow's shape, and the quotas of the account it runs in.
 *
 * @param name                  for the tables
 * @param sweepKeysPerStatus    partition key values of one status in the sweep index
 * @param batchSize             records per workflow execution at most
 * @param batchingWindowSeconds how long the pipe waits to fill a batch
 * @param parallelizationFactor batches of one shard in flight at once
 * @param workflow              the workflow's shape
 * @param limits                the account's raisable quotas
 */
public record Design(String name, int sweepKeysPerStatus, int batchSize, int batchingWindowSeconds,
                     int parallelizationFactor, WorkflowShape workflow, Limits limits) {

    /**
     * The quotas that can be raised.
     *
     * @param lambdaConcurrency concurrent executions in the account
     * @param apiGatewayRate    API Gateway requests per second in the account
     * @param tableWrites       an on-demand table's (and each GSI's) write units per second
     */
    public record Limits(Quota lambdaConcurrency, Quota apiGatewayRate, Quota tableWrites) {

        public static Limits defaults() {
            return new Limits(Quota.LAMBDA_CONCURRENCY, Quota.API_GATEWAY_RATE, Quota.TABLE_WRITES);
        }

        /** What issue 17's goal needs with every quota under 70% (docs/scaling.md): the requests to make. */
        public static Limits forTheGoal() {
            return new Limits(Quota.LAMBDA_CONCURRENCY.raisedTo(4_000), Quota.API_GATEWAY_RATE.raisedTo(15_000),
                    Quota.TABLE_WRITES);
        }
    }

    /** The project as it is: the stack's default sweep shards, core's pipe settings and workflow. */
    public static Design project(Limits limits) {
        PipeSettings pipe = PipelineDefinition.settings();
        return new Design("after (this design)", SweepShards.DEFAULT, pipe.batchSize(),
                pipe.maximumBatchingWindowInSeconds(), pipe.parallelizationFactor(), WorkflowShape.ofProject(),
                limits);
    }

    /**
     * The design before issue 17: one sweep key per status, batches of 10, one batch per shard at
     * a time, a Map of 10 and no task timeout (the same workflow otherwise).
     */
    public static Design beforeIssue17(Limits limits) {
        WorkflowShape now = WorkflowShape.ofProject();
        return new Design("before issue 17", 1, 10, 0, 1, new WorkflowShape(10, Quota.EXPRESS_DURATION.limit(),
                now.transitionsPerFile(), now.worstTransitionsPerFile(), now.transitionsPerExecution()), limits);
    }
}
