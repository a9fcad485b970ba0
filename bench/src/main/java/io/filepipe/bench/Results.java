package io.filepipe.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one run measured, written as JSON as is and rendered as Markdown by {@link Report}.
 * Times are milliseconds, rates per second, memory MiB. Sections a run skipped stay empty.
 */
final class Results {

    /** Where and how the run happened. */
    record Setup(String date, String machine, int cpus, long memoryMiB, String jdk, String apiJvmOptions,
                 String gitCommit, boolean quick, double loadBefore, double loadAfter, double loadMin, double loadMedian,
                 double loadMax, String busyNote, double windowSeconds, double warmupSeconds) {
    }

    /** One cell of the throughput grid: the API, or the raw writes of the same payload and concurrency. */
    record Throughput(String backends, String target, int payloadBytes, int concurrency, double requestsPerSecond,
                      double p50Ms, double p99Ms, long errors, long requests, Double apiCpuMsPerUpload,
                      double generatorCpuMsPerRequest, double load) {
    }

    /** API requests/s over raw writes/s for one cell. */
    record Ratio(String backends, int payloadBytes, int concurrency, double apiPerSecond, double rawPerSecond,
                 double ratio) {
    }

    /** CPU of the API process over a fixed number of uploads. */
    record CpuCost(String backends, int payloadBytes, int concurrency, long uploads, long errors, double apiCpuMs,
                   double msPerUpload, double seconds) {
    }

    /** The load generator against a trivial endpoint: what it can drive, and what it costs per request. */
    record GeneratorOverhead(String endpoint, int concurrency, double requestsPerSecond, double p50Ms, double p99Ms,
                             double generatorCpuMsPerRequest, double apiCpuMsPerRequest) {
    }

    /** One API process of a side-by-side comparison ({@code jit} or {@code compare}). */
    record SideBySide(String comparison, String contender, String jvmOptions, int payloadBytes, int concurrency,
                      long warmupSeconds, long uploads, double requestsPerSecond, double cpuMsPerUpload) {
    }

    /** Resident memory of the API process. */
    record Memory(String backends, double idleAfterStartMiB, double idleAfterLoadMiB, double peakUnderLoadMiB,
                  double highWaterMarkMiB, String load) {
    }

    /** One way of starting a process: median, min and max over the runs. */
    record StartTime(String process, String variant, int runs, double readyMedianMs, double readyMinMs,
                     double readyMaxMs, double firstWorkMedianMs, double firstWorkMinMs, double firstWorkMaxMs,
                     String readyMeans, String firstWorkMeans, String note) {
    }

    /** Uploads at a steady rate through the whole local pipeline. */
    record EndToEnd(String stack, int uploads, double ratePerSecond, int payloadBytes, int processed, int notProcessed,
                    Quantiles uploadLatency, Quantiles acknowledgedToProcessed, Quantiles createdToProcessed,
                    Quantiles pipe, Quantiles workflow, Quantiles processing, int withHistory, String note) {
    }

    /**
     * One large file with the upload command's classes through the API as its own process on the
     * local stack's backends and pipeline, beside raw S3 multipart PUTs of the same parts; the API
     * process's RSS during the upload (the goal's figure) and the stack process's (informational);
     * the processor's time per GiB.
     */
    record LargeUpload(long bytes, int parallel, double uploadSeconds, double rawSeconds, double rawOverUpload,
                       double apiRssBeforeMiB, double apiRssPeakMiB, double apiRssGrowthMiB,
                       double stackRssBeforeMiB, double stackRssPeakMiB, double stackRssGrowthMiB, String status,
                       double processorSecondsPerGiB) {
    }

    /** p50 and p99 (and max) of one measure. */
    /** One figure of the local pipe: what the capacity model predicts from the inputs, and what the run measured. */
    record PipelineCheck(String figure, double predicted, double measured, String unit, String inputs) {
        double errorPercent() {
            return (predicted - measured) / measured * 100;
        }
    }

    record Quantiles(double p50, double p99, double max) {
        static Quantiles of(List<Double> values) {
            if (values.isEmpty()) {
                return new Quantiles(Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return new Quantiles(at(sorted, 0.50), at(sorted, 0.99), sorted.getLast());
        }

        private static double at(List<Double> sorted, double q) {
            int index = (int) Math.ceil(q * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    /** The processor on one kind of file, called directly in the bench JVM. */
    record ProcessorSpeed(String file, long bytes, int files, double filesPerSecond, double p50Ms, double maxMs,
                          String outcome) {
    }

    /** A goal from the issue, the number it is judged on, and whether it is met. */
    record Goal(String goal, String target, String measured, boolean met) {
    }

    /** The hottest frames of a JFR execution-sample profile of the API under load. */
    record Profile(String load, long samples, List<Frame> selfTop, List<Frame> filepipeTop, List<Frame> packagesTop) {
    }

    /** A method or package and its share of the samples. */
    record Frame(String name, long samples, double percent) {
    }

    Setup setup;
    final List<Throughput> throughput = new ArrayList<>();
    final List<Ratio> ratios = new ArrayList<>();
    final List<CpuCost> cpuCost = new ArrayList<>();
    final List<GeneratorOverhead> generatorOverhead = new ArrayList<>();
    final List<Memory> memory = new ArrayList<>();
    final List<SideBySide> sideBySide = new ArrayList<>();
    final List<StartTime> startTime = new ArrayList<>();
    EndToEnd endToEnd;
    LargeUpload largeUpload;
    final List<ProcessorSpeed> processor = new ArrayList<>();
    final List<PipelineCheck> pipeline = new ArrayList<>();
    final List<Profile> profiles = new ArrayList<>();
    final List<Goal> goals = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
}
