package io.filepipe.local.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends one file the way its size calls for ({@link UploadPath}): inline, or presigned with the
 * parts in parallel, remembering the upload ({@link ResumeState}) so that a rerun after an
 * interruption sends only the parts S3 does not hold yet. Then, on request, waits for the file's
 * terminal status.
 */
public final class Uploader {

    private static final Duration POLL = Duration.ofMillis(250);

    private final UploadClient client;
    private final Path stateDir;
    private final int parallel;
    private final PrintStream out;
    private final boolean terminal;

    /**
     * @param stateDir where interrupted uploads are remembered ({@code <stateDir>/uploads/})
     * @param parallel how many parts are sent at once
     * @param terminal whether {@code out} is a terminal (a redrawn progress bar) or not (a line per tenth)
     */
    public Uploader(UploadClient client, Path stateDir, int parallel, PrintStream out, boolean terminal) {
        this.client = client;
        this.stateDir = stateDir;
        this.parallel = parallel;
        this.out = out;
        this.terminal = terminal;
    }

    /** What {@code POST /upload} or {@code complete} answered: {@code file_id}, {@code s3_path}, {@code status}. */
    public JsonNode upload(Path file, String comment) throws IOException, InterruptedException {
        long size = Files.size(file);
        String name = file.getFileName().toString();
        if (UploadPath.forSize(size) == UploadPath.INLINE) {
            out.println("upload: " + name + " (" + ProgressBar.bytes(size) + ") in one request to " + client.api());
            return client.uploadInline(file, name, comment);
        }
        Path stateFile = ResumeState.location(stateDir, file);
        UploadClient.Session session = resumed(stateFile);
        if (session == null) {
            out.println("upload: reading " + name + " (" + ProgressBar.bytes(size) + ") for its SHA-256");
            String sha256 = sha256(file);
            session = client.open(name, comment, size, sha256);
            new ResumeState(client.api().toString(), session.uploadId(), session.fileId(), sha256).save(stateFile);
            out.println("upload: " + session.partCount() + " part(s) of " + ProgressBar.bytes(session.partSize())
                    + " straight to S3, " + Math.min(parallel, session.partCount()) + " at a time (upload "
                    + session.uploadId() + ")");
        } else if (session.completed()) {
            ResumeState.forget(stateFile);
            out.println("upload: upload " + session.uploadId() + " was completed already");
            return client.file(session.fileId());
        } else {
            out.println("upload: resuming upload " + session.uploadId() + ": " + session.uploaded().size() + " of "
                    + session.partCount() + " part(s) are in S3 already");
        }
        Map<Integer, String> etags = send(file, size, session);
        JsonNode created = client.complete(session.uploadId(), etags);
        ResumeState.forget(stateFile);
        return created;
    }

    /** The remembered session of this file on this API, if it is still open or completed; else forgets it. */
    private UploadClient.Session resumed(Path stateFile) throws InterruptedException {
        ResumeState state = ResumeState.load(stateFile).orElse(null);
        if (state == null || !state.api().equals(client.api().toString())) {
            return null;
        }
        try {
            return client.session(state.uploadId());
        } catch (UploadClient.ApiError e) {
            if (e.status() == 404 || e.status() == 410) {
                out.println("upload: the interrupted upload " + state.uploadId() + " is gone (" + e.status()
                        + "); starting again");
                ResumeState.forget(stateFile);
                return null;
            }
            throw e;
        }
    }

    private Map<Integer, String> send(Path file, long size, UploadClient.Session session) throws InterruptedException {
        PartPlan plan = new PartPlan(size, session.partSize());
        long already = session.uploaded().keySet().stream().mapToLong(n -> plan.part(n).length()).sum();
        ProgressBar progress = new ProgressBar(out, terminal, size, already, System::nanoTime);
        Map<Integer, String> etags = new ConcurrentHashMap<>(session.uploaded());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, session.missing().size())))) {
            List<Future<?>> puts = new ArrayList<>();
            for (UploadClient.PartUrl part : session.missing()) {
                puts.add(pool.submit(() -> {
                    etags.put(part.number(), client.putPart(session, part, file, plan, progress::advance));
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                try {
                    put.get();
                } catch (ExecutionException e) {
                    puts.forEach(f -> f.cancel(true));
                    progress.finish();
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        progress.finish();
        return etags;
    }

    /**
     * Polls {@code GET /files/{id}} until the file is terminal or {@code deadline} has passed; the
     * last answer either way.
     */
    public JsonNode awaitTerminal(String fileId, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        JsonNode file = client.file(fileId);
        while (!FileStatus.isTerminal(file.path("status").asText()) && System.nanoTime() < end) {
            Thread.sleep(POLL);
            file = client.file(fileId);
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
