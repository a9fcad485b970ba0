package io.filepipe.processor;

import io.filepipe.core.FileError;

/**
 * The stable codes stored in a file's {@code error.code} and logged as {@code reason}. The first
 * five end a file REJECTED (the content is not acceptable), the others FAILED (processing could
 * not check the content).
 */
enum ReasonCode {
    /** The object has no bytes. */
    EMPTY_FILE,
    /** The name claims an image, PDF or ZIP format that the bytes are not. */
    CONTENT_MISMATCH,
    /** The image's header announces more pixels than allowed, or the file exceeds the memory limit. */
    IMAGE_TOO_LARGE,
    /**
     * The image costs more to decode than allowed, whatever its size: a JPEG with more scans than
     * allowed, or decoding and thumbnails that did not finish within the per-file budget.
     */
    IMAGE_TOO_COMPLEX,
    /** The image is truncated or cannot be decoded. */
    CORRUPT_IMAGE,
    /** There is no object at the item's {@code s3Key}. */
    OBJECT_MISSING,
    /** The object's length differs from the size recorded at upload. */
    SIZE_MISMATCH,
    /** The object's SHA-256 differs from the one recorded at upload. */
    CHECKSUM_MISMATCH,
    /** An unexpected, non-transient error; the log has the details. */
    INTERNAL_ERROR;

    public FileError error(String message) {
        return new FileError(name(), message);
    }
}
