package io.filepipe.api.upload;

/**
 * How a file of {@code size} bytes is cut into parts: {@code partSize} = max(8 MiB, size / 10,000
 * rounded up to a whole MiB), so that no upload needs more than S3's 10,000 parts.
 */
public record UploadPlan(long size, long partSize, int partCount) {

    static final long MIB = 1024 * 1024;
    static final long MIN_PART_SIZE = 8 * MIB;
    static final int MAX_PARTS = 10_000;

    public static UploadPlan of(long size) {
        long perPart = ceilDiv(size, MAX_PARTS);
        long partSize = Math.max(MIN_PART_SIZE, ceilDiv(perPart, MIB) * MIB);
        return new UploadPlan(size, partSize, (int) ceilDiv(size, partSize));
    }

    /** One presigned PutObject rather than a multipart upload. */
    public boolean singlePart() {
        return partCount == 1;
    }

    private static long ceilDiv(long a, long b) {
        return Math.ceilDiv(a, b);
    }
}
