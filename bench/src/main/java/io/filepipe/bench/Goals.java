package io.filepipe.bench;

import java.util.Optional;

/** The goals of the benchmark issue, judged on a run's results. */
final class Goals {

    static final double MIN_API_RAW_RATIO = 0.85;
    static final double MIN_LARGE_API_RAW_RATIO = 0.7;
    static final double MAX_C1_P50_OVER_RAW_MS = 1.0;
    static final double MAX_CPU_MS_PER_UPLOAD = 2.0;
    static final double MAX_RSS_UNDER_LOAD_MIB = 200;
    static final double MAX_E2E_P50_MS = 500;
    static final double MAX_HEALTH_MS = 350;
    static final double MAX_HEALTH_ONE_CPU_MS = 600;
    static final double MAX_FIRST_UPLOAD_MS = 700;
    static final double MAX_PROCESSOR_FIRST_ANSWER_MS = 800;
    static final double MAX_RUN_SECONDS = 600;
    private static final int MIB = 1024 * 1024;

    private Goals() {
    }

    static void judge(Results r, double benchSeconds, Optional<Double> buildSeconds) {
        imageStart(r, "upload-api", StartTimeBench.IMAGE_COMMAND).ifPresent(t -> {
            r.goals.add(new Results.Goal("API start to first /health 200, image command, median", "<= " + (int) MAX_HEALTH_MS
                    + " ms", Report.fmt(t.readyMedianMs()) + " ms", t.readyMedianMs() <= MAX_HEALTH_MS));
            r.goals.add(new Results.Goal("API start to first 201 upload, image command, median", "<= " + (int) MAX_FIRST_UPLOAD_MS
                    + " ms", Report.fmt(t.firstWorkMedianMs()) + " ms", t.firstWorkMedianMs() <= MAX_FIRST_UPLOAD_MS));
        });
        imageStart(r, "upload-api", StartTimeBench.IMAGE_COMMAND + ", one CPU").ifPresent(t -> r.goals.add(new Results.Goal(
                "API start to first /health 200, image command on one CPU, median", "<= " + (int) MAX_HEALTH_ONE_CPU_MS + " ms",
                Report.fmt(t.readyMedianMs()) + " ms", t.readyMedianMs() <= MAX_HEALTH_ONE_CPU_MS)));
        imageStart(r, "stream-processor", StartTimeBench.IMAGE_COMMAND).ifPresent(t -> r.goals.add(new Results.Goal(
                "processor start to first answered invocation, image command, median",
                "<= " + (int) MAX_PROCESSOR_FIRST_ANSWER_MS + " ms", Report.fmt(t.firstWorkMedianMs()) + " ms",
                t.firstWorkMedianMs() <= MAX_PROCESSOR_FIRST_ANSWER_MS)));
        p50OverRaw(r, ThroughputBench.PROFILED_PAYLOAD, 1).ifPresent(over -> r.goals.add(new Results.Goal(
                "64 KiB, c=1, in memory: API p50 - raw writes p50", "<= " + MAX_C1_P50_OVER_RAW_MS + " ms",
                Report.fmt(over) + " ms", over <= MAX_C1_P50_OVER_RAW_MS)));
        r.cpuCost.stream().filter(c -> c.backends().equals("in-memory")).findFirst()
                .ifPresent(c -> r.goals.add(new Results.Goal("API CPU per 64 KiB upload, the image's flags", "<= "
                        + MAX_CPU_MS_PER_UPLOAD + " ms", Report.fmt(c.msPerUpload()) + " ms",
                        c.msPerUpload() <= MAX_CPU_MS_PER_UPLOAD)));
        ratio(r, ThroughputBench.PROFILED_PAYLOAD, ThroughputBench.PROFILED_CONCURRENCY).ifPresent(x -> r.goals.add(
                new Results.Goal("API / raw writes, 64 KiB, c=16, in-memory backends", ">= " + MIN_API_RAW_RATIO,
                        Report.fmt(x.ratio()) + " (" + Report.fmt(x.apiPerSecond()) + " vs " + Report.fmt(x.rawPerSecond())
                        + " /s)", x.ratio() >= MIN_API_RAW_RATIO)));
        ratio(r, MIB, 1).ifPresent(x -> r.goals.add(new Results.Goal("API / raw writes, 1 MiB, c=1, in-memory backends",
                ">= " + MIN_LARGE_API_RAW_RATIO, Report.fmt(x.ratio()) + " (" + Report.fmt(x.apiPerSecond()) + " vs "
                + Report.fmt(x.rawPerSecond()) + " /s)", x.ratio() >= MIN_LARGE_API_RAW_RATIO)));
        r.memory.stream().filter(m -> m.backends().equals("in-memory")).findFirst().ifPresent(m -> r.goals.add(
                new Results.Goal("API RSS under load (" + m.load() + ")", "<= " + (int) MAX_RSS_UNDER_LOAD_MIB + " MiB",
                        Report.fmt(m.peakUnderLoadMiB()) + " MiB", m.peakUnderLoadMiB() <= MAX_RSS_UNDER_LOAD_MIB)));
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
        double total = benchSeconds + buildSeconds.orElse(0.0);
        r.goals.add(new Results.Goal("the command, build included" + (buildSeconds.isPresent() ? "" : " (build not measured)"),
                "< " + (int) MAX_RUN_SECONDS + " s", Report.fmt(total) + " s", total < MAX_RUN_SECONDS));
    }

    private static Optional<Results.StartTime> imageStart(Results r, String process, String variant) {
        return r.startTime.stream().filter(t -> t.process().equals(process) && t.variant().equals(variant)).findFirst();
    }

    private static Optional<Results.Ratio> ratio(Results r, int payload, int concurrency) {
        return r.ratios.stream().filter(x -> x.backends().equals("in-memory") && x.payloadBytes() == payload
                && x.concurrency() == concurrency).findFirst();
    }

    /** The API's p50 minus the raw writes' p50 in the same in-memory cell. */
    private static Optional<Double> p50OverRaw(Results r, int payload, int concurrency) {
        Optional<Results.Throughput> api = cell(r, "API", payload, concurrency);
        Optional<Results.Throughput> raw = cell(r, "raw S3+DynamoDB", payload, concurrency);
        return api.isPresent() && raw.isPresent() ? Optional.of(api.get().p50Ms() - raw.get().p50Ms()) : Optional.empty();
    }

    private static Optional<Results.Throughput> cell(Results r, String target, int payload, int concurrency) {
        return r.throughput.stream().filter(t -> t.backends().equals("in-memory") && t.target().equals(target)
                && t.payloadBytes() == payload && t.concurrency() == concurrency).findFirst();
    }
}
