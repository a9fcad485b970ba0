package io.filepipe.bench;

import java.util.Optional;

/** The goals of the benchmark issue, judged on a run's results. */
final class Goals {

    static final double MIN_API_RAW_RATIO = 0.85;
    static final double MAX_CPU_MS_PER_UPLOAD = 2.5;
    static final double MAX_E2E_P50_MS = 500;
    static final double MAX_HEALTH_MS = 350;
    static final double MAX_RUN_SECONDS = 600;
    static final String IMAGE_VARIANT = "image command (flags + AppCDS)";

    private Goals() {
    }

    static void judge(Results r, double benchSeconds, Optional<Double> buildSeconds) {
        r.ratios.stream().filter(x -> x.backends().equals("in-memory") && x.payloadBytes() == ThroughputBench.PROFILED_PAYLOAD
                        && x.concurrency() == ThroughputBench.PROFILED_CONCURRENCY).findFirst()
                .ifPresent(x -> r.goals.add(new Results.Goal("API / raw writes, 64 KiB, c=16, in-memory backends",
                        ">= " + MIN_API_RAW_RATIO, Report.fmt(x.ratio()) + " (" + Report.fmt(x.apiPerSecond()) + " vs "
                        + Report.fmt(x.rawPerSecond()) + " /s)", x.ratio() >= MIN_API_RAW_RATIO)));
        r.cpuCost.stream().filter(c -> c.backends().equals("in-memory")).findFirst()
                .ifPresent(c -> r.goals.add(new Results.Goal("API CPU per 64 KiB upload", "<= " + MAX_CPU_MS_PER_UPLOAD + " ms",
                        Report.fmt(c.msPerUpload()) + " ms", c.msPerUpload() <= MAX_CPU_MS_PER_UPLOAD)));
        if (r.largeUpload != null) {
            Results.LargeUpload l = r.largeUpload;
            r.goals.add(new Results.Goal("large file: raw S3 multipart time / upload command time", ">= 0.8",
                    Report.fmt(l.rawOverUpload()) + " (" + Report.fmt(l.rawSeconds()) + " s vs "
                    + Report.fmt(l.uploadSeconds()) + " s, " + l.status() + ")",
                    l.rawOverUpload() >= 0.8 && l.status().equals("PROCESSED")));
            r.goals.add(new Results.Goal("large file: API process RSS growth during the upload", "< 50 MiB",
                    Report.fmt(l.apiRssGrowthMiB()) + " MiB", l.apiRssGrowthMiB() < 50));
        }
        if (r.endToEnd != null) {
            double p50 = r.endToEnd.acknowledgedToProcessed().p50();
            r.goals.add(new Results.Goal("end to end, 201 -> PROCESSED, p50", "<= " + (int) MAX_E2E_P50_MS + " ms",
                    Report.fmt(p50) + " ms (p99 " + Report.fmt(r.endToEnd.acknowledgedToProcessed().p99()) + ")",
                    p50 <= MAX_E2E_P50_MS && r.endToEnd.notProcessed() == 0));
        }
        r.startTime.stream().filter(t -> t.process().equals("upload-api") && t.variant().equals(IMAGE_VARIANT)).findFirst()
                .ifPresent(t -> r.goals.add(new Results.Goal("API start to first /health 200, image command, median",
                        "<= " + (int) MAX_HEALTH_MS + " ms", Report.fmt(t.readyMedianMs()) + " ms",
                        t.readyMedianMs() <= MAX_HEALTH_MS)));
        double total = benchSeconds + buildSeconds.orElse(0.0);
        r.goals.add(new Results.Goal("the command, build included" + (buildSeconds.isPresent() ? "" : " (build not measured)"),
                "< " + (int) MAX_RUN_SECONDS + " s", Report.fmt(total) + " s", total < MAX_RUN_SECONDS));
    }
}
