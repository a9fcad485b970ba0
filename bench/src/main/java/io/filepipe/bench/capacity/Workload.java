package io.filepipe.bench.capacity;

import io.filepipe.bench.capacity.UserDistribution.Zipf;

/**
 * The load the model is asked about.
 *
 * @param uploadsPerSecond    sustained uploads ({@code POST /upload}, one file each)
 * @param users               distinct users uploading
 * @param distribution        how the uploads spread over them
 * @param fileBytes           size of one file
 * @param processing          the processor's time per file (claim to finish)
 * @param apiSecondsPerUpload the upload API's time per upload (read, decode, S3 put, item put)
 * @param readsPerUpload      {@code GET /files/{id}} per upload (a client polling for the result)
 * @param idempotentShare     share of uploads sent with an {@code Idempotency-Key} (a transaction
 *                            of two items, each write counted twice)
 * @param itemBytes           a file item's size (names, comment, result): 1 write unit per KB
 * @param thumbnailsPerFile   derived objects written per file (2 for an image: 128 and 512 px)
 */
public record Workload(double uploadsPerSecond, int users, UserDistribution distribution, long fileBytes,
                       ProcessingTime processing, double apiSecondsPerUpload, double readsPerUpload,
                       double idempotentShare, int itemBytes, int thumbnailsPerFile) {

    /**
     * issue 17's goal: 5,000 uploads/s of 1 MB files from 100,000 users, Zipf (s = 1). The
     * processor's time is the bench's 1 MB JPEG (p50 105 ms, max 186 ms on one desktop core, see
     * docs/benchmarks.md) on a 1 GB Lambda's smaller CPU share (about 0.6 vCPU) with S3 and
     * DynamoDB round trips: median 0.25 s, p99 1 s. The API's 0.15 s per 1 MB upload and the item
     * size are docs/deploy.md's cost figures, as is one derived object per file on average (two
     * thumbnails for an image, none for other files).
     */
    public static Workload goal() {
        return new Workload(5_000, 100_000, new Zipf(1.0), 1_000_000, ProcessingTime.logNormal(0.25, 1.0), 0.15, 1, 0,
                700, 1);
    }

    public Workload at(double rate) {
        return new Workload(rate, users, distribution, fileBytes, processing, apiSecondsPerUpload, readsPerUpload,
                idempotentShare, itemBytes, thumbnailsPerFile);
    }

    public Workload with(UserDistribution other) {
        return new Workload(uploadsPerSecond, users, other, fileBytes, processing, apiSecondsPerUpload,
                readsPerUpload, idempotentShare, itemBytes, thumbnailsPerFile);
    }

    public Workload with(ProcessingTime other) {
        return new Workload(uploadsPerSecond, users, distribution, fileBytes, other, apiSecondsPerUpload,
                readsPerUpload, idempotentShare, itemBytes, thumbnailsPerFile);
    }
}
