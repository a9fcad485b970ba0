package io.filepipe.api.upload;

import java.time.Duration;

/**
 * Limits of the presigned upload path ({@code /uploads}).
 *
 * @param maxFileBytes    largest file a user may upload this way
 * @param maxOpenUploads  how many uploads one user may have open (neither completed, aborted nor expired)
 * @param sessionTtl      how long an upload may take from its start to its completion
 * @param partUrlTtl      how long a presigned URL stays valid (a resume asks for fresh ones)
 */
public record LargeUploadLimits(long maxFileBytes, int maxOpenUploads, Duration sessionTtl, Duration partUrlTtl) {

    public static final long DEFAULT_MAX_FILE_BYTES = 5L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_OPEN_UPLOADS = 10;
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_PART_URL_TTL = Duration.ofMinutes(15);
    /** S3's largest object written by one multipart upload. */
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024 * 1024 * 1024;

    public LargeUploadLimits {
        if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES || maxOpenUploads < 1
                || !sessionTtl.isPositive() || !partUrlTtl.isPositive()) {
            throw new IllegalArgumentException("limits must be positive (and files at most 5 TiB)");
        }
    }

    public static LargeUploadLimits defaults() {
        return new LargeUploadLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_OPEN_UPLOADS, DEFAULT_SESSION_TTL,
                DEFAULT_PART_URL_TTL);
    }
}
