package io.filepipe.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders {@link Results} as the Markdown tables the docs quote, and as JSON for tools. */
final class Report {

    private Report() {
    }

    static String json(Results results) {
        try {
            return new ObjectMapper()
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <stamp>.md/.json} and {@code latest.md/.json} into {@code dir}. */
    static void write(Results results, Path dir, String stamp) {
        String markdown = markdown(results);
        String json = json(results);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(stamp + ".md"), markdown);
            Files.writeString(dir.resolve(stamp + ".json"), json);
            Files.writeString(dir.resolve("latest.md"), markdown);
            Files.writeString(dir.resolve("latest.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + dir, e);
        }
    }

    static String markdown(Results r) {
        StringBuilder md = new StringBuilder();
        Results.Setup s = r.setup;
        md.append("# filepipe benchmarks, ").append(s.date()).append(s.quick() ? " (--quick: a smoke run, not for quoting)" : "")
                .append("\n\n");
        md.append("- machine: ").append(s.machine()).append(", ").append(s.cpus()).append(" CPUs, ")
                .append(s.memoryMiB() / 1024).append(" GiB RAM\n");
        md.append("- JDK: ").append(s.jdk()).append("\n");
        md.append("- commit: ").append(s.gitCommit()).append("\n");
        md.append("- load average (1 min): ").append(fmt(s.loadBefore())).append(" before, ").append(fmt(s.loadAfter()))
                .append(" after; over the run min ").append(fmt(s.loadMin())).append(", median ").append(fmt(s.loadMedian()))
                .append(", max ").append(fmt(s.loadMax())).append(s.cpus() > 0 && s.loadMedian() > s.cpus() / 2.0
                        ? " (the machine was shared: other work competed for the " + s.cpus() + " CPUs)" : "")
                .append(s.busyNote().isEmpty() ? "" : "; " + s.busyNote()).append("\n");
        md.append("- API JVM options (Dockerfile.api ENTRYPOINT): `").append(s.apiJvmOptions()).append("`\n");
        md.append("- throughput cells: ").append(fmt(s.windowSeconds())).append(" s measured after ")
                .append(fmt(s.warmupSeconds())).append(" s of warm-up per API process\n\n");

        if (!r.goals.isEmpty()) {
            md.append("## Goals\n\n");
            table(md, List.of("goal", "target", "measured", "met"), r.goals,
                    g -> List.of(g.goal(), g.target(), g.measured(), g.met() ? "yes" : "**no**"));
        }
        for (String backends : List.of("in-memory", "on-disk")) {
            List<Results.Ratio> ratios = r.ratios.stream().filter(x -> x.backends().equals(backends)).toList();
            if (ratios.isEmpty()) {
                continue;
            }
            md.append("## Upload throughput, ").append(backends).append(" backends\n\n");
            md.append("`POST /upload` through the API process vs. the raw writes it makes (S3 PutObject + DynamoDB PutItem, ")
                    .append("same SDK clients and settings) from the bench process; closed loop, keep-alive, 16 users. ")
                    .append("CPU ms/upload is the API process's user+system time over the window divided by its uploads; ")
                    .append("load is the machine's 1-minute load average after the cell.\n\n");
            table(md, List.of("payload", "c", "API req/s", "p50 ms", "p99 ms", "errors", "API CPU ms/upload",
                    "raw writes/s", "raw p50 ms", "raw p99 ms", "raw errors", "API/raw", "load"), ratios, x -> {
                        Results.Throughput api = cell(r, backends, "API", x);
                        Results.Throughput raw = cell(r, backends, "raw S3+DynamoDB", x);
                        return List.of(size(x.payloadBytes()), Integer.toString(x.concurrency()), fmt(api.requestsPerSecond()),
                                fmt(api.p50Ms()), fmt(api.p99Ms()), Long.toString(api.errors()), fmt(api.apiCpuMsPerUpload()),
                                fmt(raw.requestsPerSecond()), fmt(raw.p50Ms()), fmt(raw.p99Ms()), Long.toString(raw.errors()),
                                fmt(x.ratio()), fmt(raw.load()));
                    });
        }
        if (!r.cpuCost.isEmpty()) {
            md.append("## CPU per upload (fixed number of uploads)\n\n");
            table(md, List.of("backends", "payload", "c", "uploads", "errors", "API CPU ms", "ms per upload", "seconds"),
                    r.cpuCost, c -> List.of(c.backends(), size(c.payloadBytes()), Integer.toString(c.concurrency()),
                            Long.toString(c.uploads()), Long.toString(c.errors()), fmt(c.apiCpuMs()), fmt(c.msPerUpload()),
                            fmt(c.seconds())));
        }
        if (!r.generatorOverhead.isEmpty() || !r.throughput.isEmpty()) {
            md.append("## Load generator overhead\n\n");
            md.append("The bench's raw-socket HTTP/1.1 client on virtual threads, against a trivial endpoint. Its CPU ")
                    .append("per request in every upload cell is in the JSON (`generatorCpuMsPerRequest`).\n\n");
            table(md, List.of("endpoint", "c", "req/s", "p50 ms", "p99 ms", "generator CPU ms/req", "API CPU ms/req"),
                    r.generatorOverhead, g -> List.of(g.endpoint(), Integer.toString(g.concurrency()),
                            fmt(g.requestsPerSecond()), fmt(g.p50Ms()), fmt(g.p99Ms()), fmt(g.generatorCpuMsPerRequest()),
                            fmt(g.apiCpuMsPerRequest())));
            r.throughput.stream().filter(t -> t.target().equals("API") && t.payloadBytes() == ThroughputBench.PROFILED_PAYLOAD
                    && t.concurrency() == ThroughputBench.PROFILED_CONCURRENCY).forEach(t ->
                    md.append("Generator CPU per 64 KiB upload at c=16 (").append(t.backends()).append("): ")
                            .append(fmt(t.generatorCpuMsPerRequest())).append(" ms.\n\n"));
        }
        for (String comparison : List.of("jit", "compare")) {
            List<Results.SideBySide> rows = r.sideBySide.stream().filter(x -> x.comparison().equals(comparison)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append(comparison.equals("jit") ? "## JIT: C1 only (-XX:TieredStopAtLevel=1) against C1 + C2, warm API\n\n"
                    : "## This build against a base build\n\n");
            md.append("API processes side by side on the same backends, each warmed up (")
                    .append(rows.getFirst().warmupSeconds()).append(" s), then loaded in alternating slices, ")
                    .append("so that the machine's other work weighs on all alike.\n\n");
            table(md, List.of("payload", "c", "API", "JVM options", "uploads", "req/s", "API CPU ms/upload"), rows,
                    x -> List.of(size(x.payloadBytes()), Integer.toString(x.concurrency()), x.contender(),
                            "`" + x.jvmOptions() + "`",
                            Long.toString(x.uploads()), fmt(x.requestsPerSecond()), fmt(x.cpuMsPerUpload())));
        }
        if (!r.memory.isEmpty()) {
            md.append("## Memory of the API process (RSS)\n\n");
            table(md, List.of("backends", "idle after start MiB", "peak under load MiB", "idle after load MiB",
                    "high-water mark MiB", "load"), r.memory, m -> List.of(m.backends(), fmt(m.idleAfterStartMiB()),
                    fmt(m.peakUnderLoadMiB()), fmt(m.idleAfterLoadMiB()), fmt(m.highWaterMarkMiB()), m.load()));
        }
        if (r.endToEnd != null) {
            Results.EndToEnd e = r.endToEnd;
            md.append("## End to end\n\n");
            md.append(e.uploads()).append(" uploads of ").append(size(e.payloadBytes())).append(" text at ")
                    .append(fmt(e.ratePerSecond())).append("/s through ").append(e.stack()).append(": ")
                    .append(e.processed()).append(" PROCESSED, ").append(e.notProcessed()).append(" not; ")
                    .append(e.withHistory()).append(" matched to their workflow execution; ").append(e.note()).append(".\n\n");
            record Span(String name, Results.Quantiles q) {
            }
            table(md, List.of("span", "p50 ms", "p99 ms", "max ms"), List.of(
                    new Span("upload (request sent -> 201)", e.uploadLatency()),
                    new Span("**201 -> PROCESSED**", e.acknowledgedToProcessed()),
                    new Span("item created -> PROCESSED", e.createdToProcessed()),
                    new Span("pipe: 201 -> workflow execution started", e.pipe()),
                    new Span("workflow: execution started -> processor started", e.workflow()),
                    new Span("processing (processor's duration_ms)", e.processing())),
                    span -> List.of(span.name(), fmt(span.q().p50()), fmt(span.q().p99()), fmt(span.q().max())));
        }
        if (r.largeUpload != null) {
            Results.LargeUpload l = r.largeUpload;
            md.append("## Large file (upload command, presigned parts)\n\n");
            md.append("One ").append(size(l.bytes())).append(" file, ").append(l.parallel())
                    .append(" parts at a time, through the upload API as its own process (the image's command line) ")
                    .append("on the local stack's DynamoDB, S3 server, token issuer and pipeline; the API process's RSS ")
                    .append("is the goal's figure, the stack process's (S3 server, DynamoDB Local, processor) is shown ")
                    .append("for information. Final status: ").append(l.status()).append(".\n\n");
            record Row(String measure, String value, String goal) {
            }
            table(md, List.of("measure", "value", "goal"), List.of(
                    new Row("upload command, wall time (SHA-256 pass included)", fmt(l.uploadSeconds()) + " s", ""),
                    new Row("raw S3 multipart PUTs of the same parts", fmt(l.rawSeconds()) + " s", ""),
                    new Row("**raw time / upload command time**", fmt(l.rawOverUpload()), ">= 0.8"),
                    new Row("API process RSS before / peak during the upload", fmt(l.apiRssBeforeMiB()) + " / "
                            + fmt(l.apiRssPeakMiB()) + " MiB", ""),
                    new Row("**API process RSS growth during the upload**", fmt(l.apiRssGrowthMiB()) + " MiB",
                            "< 50 MiB"),
                    new Row("stack process RSS before / peak during the upload (informational)",
                            fmt(l.stackRssBeforeMiB()) + " / " + fmt(l.stackRssPeakMiB()) + " MiB", ""),
                    new Row("stack process RSS growth during the upload (informational)",
                            fmt(l.stackRssGrowthMiB()) + " MiB", ""),
                    new Row("processor time per GiB", fmt(l.processorSecondsPerGiB()) + " s", "")),
                    row -> List.of(row.measure(), row.value(), row.goal()));
        }
        if (!r.startTime.isEmpty()) {
            md.append("## Start time\n\n");
            md.append("Median (min-max) of fresh processes, from the fork. Children run on the bench's JDK.\n\n");
            table(md, List.of("process", "variant", "runs", "ready ms", "first work ms", "ready means / first work means",
                    "note"), r.startTime, t -> List.of(t.process(), t.variant(), Integer.toString(t.runs()),
                    fmt(t.readyMedianMs()) + " (" + fmt(t.readyMinMs()) + "-" + fmt(t.readyMaxMs()) + ")",
                    fmt(t.firstWorkMedianMs()) + " (" + fmt(t.firstWorkMinMs()) + "-" + fmt(t.firstWorkMaxMs()) + ")",
                    t.readyMeans() + " / " + t.firstWorkMeans(), t.note()));
        }
        if (!r.processor.isEmpty()) {
            md.append("## Processor\n\n");
            md.append("`FileProcessor.process` in the bench JVM, one file after the other (one warm Lambda instance), ")
                    .append("against the in-memory backends: claim, stream + SHA-256, inspect, thumbnails 128 and 512 px ")
                    .append("for images, finish.\n\n");
            table(md, List.of("file", "bytes", "files", "files/s", "p50 ms", "max ms", "outcome"), r.processor,
                    p -> List.of(p.file(), Long.toString(p.bytes()), Integer.toString(p.files()), fmt(p.filesPerSecond()),
                            fmt(p.p50Ms()), fmt(p.maxMs()), p.outcome()));
        }
        if (!r.pipeline.isEmpty()) {
            md.append("## Capacity model against the local pipeline\n\n");
            md.append("The local `PipeRunner` and `WorkflowRunner` with core's pipe settings and workflow, the processor ")
                    .append("in the bench JVM on the in-memory backends; the capacity model's formulas (`CapacityModel`) ")
                    .append("given the processor's per-file time, the per-batch overhead and the shards measured in the ")
                    .append("same run predict the figure.\n\n");
            table(md, List.of("figure", "predicted", "measured", "error", "model inputs (measured)"), r.pipeline,
                    p -> List.of(p.figure(), fmt(p.predicted()) + " " + p.unit(), fmt(p.measured()) + " " + p.unit(),
                            fmt(p.errorPercent()) + "%", p.inputs()));
        }
        for (Results.Profile p : r.profiles) {
            md.append("## Profile of the API under ").append(p.load()).append(" (JFR, ").append(p.samples())
                    .append(" execution samples)\n\n");
            md.append("Hottest methods (self):\n\n");
            table(md, List.of("method", "samples", "%"), p.selfTop(), f -> List.of("`" + f.name() + "`",
                    Long.toString(f.samples()), fmt(f.percent())));
            md.append("filepipe methods, inclusive:\n\n");
            table(md, List.of("method", "samples", "%"), p.filepipeTop(), f -> List.of("`" + f.name() + "`",
                    Long.toString(f.samples()), fmt(f.percent())));
            md.append("Packages (self):\n\n");
            table(md, List.of("package", "samples", "%"), p.packagesTop(), f -> List.of("`" + f.name() + "`",
                    Long.toString(f.samples()), fmt(f.percent())));
        }
        if (!r.notes.isEmpty()) {
            md.append("## Notes\n\n");
            r.notes.forEach(n -> md.append("- ").append(n).append("\n"));
            md.append("\n");
        }
        return md.toString();
    }

    private static Results.Throughput cell(Results r, String backends, String target, Results.Ratio ratio) {
        return r.throughput.stream().filter(t -> t.backends().equals(backends) && t.target().equals(target)
                        && t.payloadBytes() == ratio.payloadBytes() && t.concurrency() == ratio.concurrency())
                .findFirst().orElseThrow();
    }

    private static <T> void table(StringBuilder md, List<String> headers, List<T> rows, Function<T, List<String>> cells) {
        md.append("| ").append(String.join(" | ", headers)).append(" |\n");
        md.append("|").append("---|".repeat(headers.size())).append("\n");
        for (T row : rows) {
            md.append("| ").append(String.join(" | ", cells.apply(row))).append(" |\n");
        }
        md.append("\n");
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    static String fmt(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        double v = value;
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
