package io.filepipe.bench;

import io.filepipe.core.FileRecord;
import io.filepipe.core.store.SweepShards;
import io.filepipe.processor.FileProcessor;
import io.filepipe.processor.FileRef;
import io.filepipe.processor.Outcome;
import io.filepipe.processor.ProcessorConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor's own speed: {@link FileProcessor#process} called directly in the bench JVM (one
 * file after the other, as one Lambda instance works) on files already stored with their PENDING
 * items, against the in-memory backends. A file of each kind is processed first, unmeasured, so
 * the numbers are those of a warm function.
 */
final class ProcessorBench {

    private record Kind(String label, String fileName, byte[] data, int files) {
    }

    private final BenchOptions options;
    private final Results results;

    ProcessorBench(BenchOptions options, Results results) {
        this.options = options;
        this.results = results;
    }

    void run(Backends backends) {
        Progress.step("processor: making the sample files");
        int n = options.processorFiles();
        List<Kind> kinds = List.of(
                new Kind("1 MB JPEG", "photo-1mb.jpg", SampleFiles.noiseJpeg(1_000_000, 1), n),
                new Kind("10 MB JPEG", "photo-10mb.jpg", SampleFiles.noiseJpeg(10_000_000, 10), Math.max(1, n / 2)),
                new Kind("5 MB PDF", "report-5mb.pdf", SampleFiles.pdf(5_000_000, 5), n));
        ProcessorConfig config = new ProcessorConfig(Backends.TABLE, Backends.BUCKET, ProcessorConfig.DEFAULT_LEASE,
                ProcessorConfig.DEFAULT_IMAGE_BUDGET, ProcessorConfig.DEFAULT_MAX_IMAGE_PIXELS,
                ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES, ProcessorConfig.DEFAULT_MAX_IMAGE_SCANS,
                ProcessorConfig.DEFAULT_THUMBNAIL_SIZES, SweepShards.DEFAULTS, backends.settings());
        FileProcessor processor = new FileProcessor(config, backends.files(), backends.blobs(), Clock.systemUTC(),
                new SerializedMetrics());
        for (Kind kind : kinds) {
            Progress.step("processor: " + kind.label() + " x " + kind.files());
            process(processor, store(backends, kind, 1).getFirst());
            List<FileRef> files = store(backends, kind, kind.files());
            List<Double> millis = new ArrayList<>();
            Set<String> outcomes = new TreeSet<>();
            long started = System.nanoTime();
            for (FileRef file : files) {
                long begin = System.nanoTime();
                outcomes.add(process(processor, file));
                millis.add((System.nanoTime() - begin) / 1e6);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Results.Quantiles q = Results.Quantiles.of(millis);
            results.processor.add(new Results.ProcessorSpeed(kind.label(), kind.data().length, files.size(),
                    files.size() / seconds, q.p50(), q.max(), String.join(", ", outcomes)));
            backends.clearUploads();
        }
    }

    private static List<FileRef> store(Backends backends, Kind kind, int count) {
        List<FileRef> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FileRecord record = backends.storePending("processor-bench", kind.fileName(), kind.data());
            refs.add(new FileRef(record.userId(), record.fileId()));
        }
        return refs;
    }

    private static String process(FileProcessor processor, FileRef file) {
        Outcome outcome = processor.process(file);
        return outcome.status() + (outcome.reason() == null ? "" : " " + outcome.reason());
    }
}
