package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoalsTest {

    private static Results.EndToEnd endToEnd(double p50, double p99, int notProcessed) {
        Results.Quantiles any = new Results.Quantiles(1, 2, 3);
        return new Results.EndToEnd("local stack", 500, 20, 4096, 500 - notProcessed, notProcessed, any,
                new Results.Quantiles(p50, p99, 900), any, any, any, any, 500, "note");
    }

    private static Results.StartTime start(String process, String variant, double readyMedianMs) {
        return new Results.StartTime(process, variant, 10, readyMedianMs, 0, 0, readyMedianMs + 600, 0, 0, "/health",
                "upload", "");
    }

    private static Results.Throughput cell(String target, int payload, int concurrency, double p50) {
        return new Results.Throughput("in-memory", target, payload, concurrency, 100, p50, p50 * 2, 0, 400, null, 0.2, 1);
    }

    @Test
    void judgesEachGoalOnTheNumberItNames() {
        Results r = new Results();
        r.ratios.add(new Results.Ratio("on-disk", 65536, 16, 100, 100, 1.0));
        r.ratios.add(new Results.Ratio("in-memory", 4096, 16, 100, 100, 1.0));
        r.ratios.add(new Results.Ratio("in-memory", 65536, 16, 900, 1000, 0.9));
        r.cpuCost.add(new Results.CpuCost("in-memory", 65536, 16, 1000, 0, 4000, 4.0, 12));
        r.endToEnd = endToEnd(41, 120, 0);
        r.startTime.add(start("upload-api", "java -jar", 900));
        r.startTime.add(start("upload-api", StartTimeBench.IMAGE_COMMAND, 1400));
        r.startTime.add(start("upload-api", StartTimeBench.IMAGE_COMMAND + ", one CPU", 580));
        r.startTime.add(start("stream-processor", StartTimeBench.IMAGE_COMMAND, 150));
        r.throughput.add(cell("API", 65536, 1, 4.5));
        r.throughput.add(cell("raw S3+DynamoDB", 65536, 1, 3.8));
        r.ratios.add(new Results.Ratio("in-memory", 1048576, 1, 30, 50, 0.6));
        r.memory.add(new Results.Memory("in-memory", 120, 150, 190, 200, "64 KiB c=16"));

        Goals.judge(r, 420.4, Optional.of(75.0));

        assertEquals(List.of(
                new Results.Goal("API start to first /health 200, image command, median", "<= 350 ms", "1400 ms", false),
                new Results.Goal("API start to first 201 upload, image command, median", "<= 700 ms", "2000 ms", false),
                new Results.Goal("API start to first /health 200, image command on one CPU, median", "<= 600 ms", "580 ms", true),
                new Results.Goal("processor start to first answered invocation, image command, median", "<= 800 ms",
                        "750 ms", true),
                new Results.Goal("64 KiB, c=1, in memory: API p50 - raw writes p50", "<= 1.0 ms", "0.70 ms", true),
                new Results.Goal("API CPU per 64 KiB upload, the image's flags", "<= 2.0 ms", "4.00 ms", false),
                new Results.Goal("API / raw writes, 64 KiB, c=16, in-memory backends", ">= 0.85", "0.90 (900 vs 1000 /s)", true),
                new Results.Goal("API / raw writes, 1 MiB, c=1, in-memory backends", ">= 0.7", "0.60 (30.0 vs 50.0 /s)", false),
                new Results.Goal("API RSS under load (64 KiB c=16)", "<= 200 MiB", "190 MiB", true),
                new Results.Goal("end to end, 201 -> PROCESSED, p50", "<= 500 ms", "41.0 ms (p99 120)", true),
                new Results.Goal("the command, build included", "< 600 s", "495 s", true)), r.goals);
    }

    @Test
    void aFileNotProcessedFailsTheEndToEndGoalWhateverItsLatency() {
        Results r = new Results();
        r.endToEnd = endToEnd(41, 120, 1);

        Goals.judge(r, 100, Optional.of(50.0));

        assertFalse(r.goals.getFirst().met());
    }

    @Test
    void withoutMeasurementsOnlyTheRunTimeIsJudgedAndSaysTheBuildWasNotMeasured() {
        Results r = new Results();

        Goals.judge(r, 612.0, Optional.empty());

        assertEquals(List.of(new Results.Goal("the command, build included (build not measured)", "< 600 s", "612 s", false)),
                r.goals);
    }
}
