package io.filepipe.bench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.bench.capacity.Design.Limits;
import io.filepipe.bench.capacity.UserDistribution.Zipf;
import io.filepipe.core.pipeline.PipelineDefinition;
import io.filepipe.core.store.SweepShards;
import org.junit.jupiter.api.Test;

class CapacityModelTest {

    private static final Workload GOAL = Workload.goal();
    private static final Design BEFORE = Design.beforeIssue17(Limits.defaults());
    private static final Design AFTER = Design.project(Limits.forTheGoal());

    @Test
    void aSweepIndexWithOneKeyPerStatusIsFullAt500FilesASecond() {
        Assessment at500 = CapacityModel.assess(GOAL.at(500), BEFORE);

        assertEquals(1.0, at500.load("sweep index, one key").utilization(), 1e-9);
    }

    @Test
    void shardingTheSweepIndexSpreadsOneStatussWritesOverItsShards() {
        Assessment a = CapacityModel.assess(GOAL, AFTER);

        assertEquals(SweepShards.DEFAULT, AFTER.sweepKeysPerStatus());
        assertEquals(2 * GOAL.uploadsPerSecond() / SweepShards.DEFAULT, a.load("sweep index, one key").perSecond(), 1e-9);
        assertEquals(4 * GOAL.uploadsPerSecond(), a.load("sweep index writes").perSecond(), 1e-9);
    }

    @Test
    void thePipeSettingsAreCoresOwn() {
        var settings = PipelineDefinition.settings();

        assertEquals(settings.batchSize(), AFTER.batchSize());
        assertEquals(settings.parallelizationFactor(), AFTER.parallelizationFactor());
        assertEquals(settings.maximumBatchingWindowInSeconds(), AFTER.batchingWindowSeconds());
    }

    @Test
    void stateTransitionsAreCountedFromTheWorkflowDefinition() {
        WorkflowShape shape = WorkflowShape.ofProject();

        assertEquals(40, shape.mapConcurrency());
        assertEquals(10, shape.taskTimeoutSeconds());
        assertEquals(1, shape.transitionsPerExecution(), "the Map");
        assertEquals(1, shape.transitionsPerFile(), "ProcessFile, then the end");
        assertEquals(1 + 6 + 1, shape.worstTransitionsPerFile(), "six retries, then MarkFailed");
    }

    @Test
    void aLongerDefinitionCountsEveryStateOnItsPath() {
        WorkflowShape shape = WorkflowShape.parse("""
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Each"},
                  "Each": {"Type": "Map", "MaxConcurrency": 5, "Next": "Done", "ItemProcessor": {"StartAt": "A", "States": {
                    "A": {"Type": "Task", "Resource": "arn:x", "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": 2}],
                          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fix"}], "Next": "B"},
                    "B": {"Type": "Pass", "End": true},
                    "Fix": {"Type": "Pass", "Next": "Gone"},
                    "Gone": {"Type": "Succeed"}}}},
                  "Done": {"Type": "Succeed"}}}""");

        assertEquals(3, shape.transitionsPerExecution());
        assertEquals(2, shape.transitionsPerFile());
        assertEquals(1 + 2 + 2, shape.worstTransitionsPerFile());
        assertEquals(5, shape.mapConcurrency());
        assertEquals(300, shape.taskTimeoutSeconds(), "no timeout: the Express limit");
    }

    @Test
    void theGoalFitsUnder70PercentOfEveryQuotaOnceTheDocumentedRaisesAreMade() {
        Assessment a = CapacityModel.assess(GOAL, AFTER);

        assertTrue(a.maxSharedUtilization() < CapacityModel.HEADROOM, a.loads().toString());
        assertTrue(CapacityModel.ceiling(GOAL, AFTER) >= 5_000);
        assertTrue(Double.isFinite(a.lagSeconds()) && a.lagSeconds() < 5, "lag " + a.lagSeconds());
    }

    @Test
    void theDesignBeforeIssue17FallsBehindLongBeforeTheGoal() {
        Assessment a = CapacityModel.assess(GOAL, BEFORE);

        assertTrue(Double.isInfinite(a.lagSeconds()));
        assertTrue(CapacityModel.ceiling(GOAL, BEFORE) < 100);
        assertEquals(350, CapacityModel.ceiling(GOAL, BEFORE, "sweep index, one key"), 0.01);
    }

    @Test
    void oneShardCarriesParallelBatchesOverTheirSlowestFile() {
        Assessment a = CapacityModel.assess(GOAL, AFTER);
        double slowestOf40 = GOAL.processing().expectedSlowestOf(40, 10);

        assertEquals(CapacityModel.Platform.AWS.overheadSeconds() + slowestOf40, a.batchSeconds(), 1e-9);
        assertEquals(10 * 40 / a.batchSeconds(), a.shardCapacity(), 1e-9);
    }

    @Test
    void aSlowFileHoldsItsBatchNoLongerThanTheTaskTimeout() {
        Workload slow = GOAL.with(ProcessingTime.logNormal(5, 120));

        double batch = CapacityModel.batchSeconds(40, slow, AFTER, CapacityModel.Platform.AWS);

        assertTrue(batch <= CapacityModel.Platform.AWS.overheadSeconds() + 10, "batch " + batch);
        assertTrue(CapacityModel.batchSeconds(40, slow, BEFORE, CapacityModel.Platform.AWS) > 60);
    }

    @Test
    void theSlowestOfOneFileIsItsMeanAndOfMoreIsSlower() {
        ProcessingTime t = ProcessingTime.logNormal(0.25, 1.0);

        assertEquals(t.meanSeconds(), t.expectedSlowestOf(1, 1_000), t.meanSeconds() * 0.01);
        assertTrue(t.expectedSlowestOf(40, 1_000) > t.expectedSlowestOf(10, 1_000));
        assertTrue(t.expectedSlowestOf(40, 0.5) <= 0.5);
    }

    @Test
    void measuredTimesGiveTheirOwnSlowestOfABatch() {
        ProcessingTime t = ProcessingTime.measured(0.3, 0.1, 0.2);

        assertEquals(0.2, t.meanSeconds(), 1e-12);
        assertEquals(0.2, t.medianSeconds(), 1e-12);
        // slowest of two draws from {0.1, 0.2, 0.3}: 0.1 w.p. 1/9, 0.2 w.p. 3/9, 0.3 w.p. 5/9
        assertEquals((0.1 + 0.6 + 1.5) / 9, t.expectedSlowestOf(2, 10), 1e-3);
    }

    @Test
    void theBusiestUserOfAZipfDistributionHasTheReciprocalOfTheHarmonicNumber() {
        assertEquals(1.0, new Zipf(1.0).topShare(1), 1e-12);
        assertEquals(1 / 1.5, new Zipf(1.0).topShare(2), 1e-12);
        assertEquals(0.0827, new Zipf(1.0).topShare(100_000), 1e-4);
        assertEquals(1e-5, new UserDistribution.Uniform().topShare(100_000), 1e-15);
    }

    @Test
    void oneUserIsCappedByOnePartitionsWriteUnitsOverTheWritesOfAnUpload() {
        assertEquals(3, CapacityModel.writeUnitsPerFile(GOAL), 1e-9);
        assertEquals(1_000 / 3.0, CapacityModel.singleUserCap(GOAL, 1), 1e-9);
        assertEquals(700 / 3.0, CapacityModel.singleUserCap(GOAL, CapacityModel.HEADROOM), 1e-9);
    }

    @Test
    void aStreamHasAShardPerPartitionAndAtLeastFour() {
        assertEquals(4, CapacityModel.partitions(100, 100));
        assertEquals(30, CapacityModel.partitions(15_000, 5_000));
        assertEquals(20, CapacityModel.partitions(1_000, 30_000));
    }

    @Test
    void costIsEachServicesRequestsTimesItsPrice() {
        Assessment a = CapacityModel.assess(GOAL, AFTER);
        // an upload PUT and one derived object PUT per file, and the processor's GET
        double s3 = GOAL.uploadsPerSecond() * 3600 * (2 * 0.005 / 1000 + 0.0004 / 1000);

        assertEquals(s3, a.costPerHour().get("S3 requests"), 1e-6);
        assertTrue(a.totalCostPerHour() > s3);
    }

    @Test
    void theReportNamesEveryQuotasSource() {
        String report = CapacityReport.markdown();

        for (Load load : CapacityModel.assess(GOAL, AFTER).loads()) {
            if (load.quota() != null && load.scope() != Load.Scope.SYSTEM) {
                assertTrue(report.contains(load.quota().source()), load.what());
            }
        }
        assertTrue(report.contains(Quota.LAMBDA_CONCURRENCY.source()));
        assertTrue(report.contains("Ceilings"));
    }
}
