package io.filepipe.processor;

import io.filepipe.core.FileError;
import io.filepipe.core.FileStatus;
import io.filepipe.core.ProcessingResult;
import java.util.Objects;

/**
 * What one invocation did with one file. {@code durationMs} runs from the start of the attempt to
 * the moment its outcome was decided.
 */
public sealed interface Outcome {

    FileRef file();

    long durationMs();

    /** {@code PROCESSED}, {@code REJECTED}, {@code FAILED} or {@code SKIPPED}. */
    String status();

    /** The reason code, or null for PROCESSED. */
    String reason();

    /** An outcome this attempt wrote to the item as its terminal status. */
    sealed interface Terminal extends Outcome {

        /** The attempt number the claim gave this invocation. */
        int attempt();

        FileStatus fileStatus();

        @Override
        default String status() {
            return fileStatus().name();
        }
    }

    /** The file is PROCESSED; {@code bytes} is its verified size. */
    record Processed(FileRef file, int attempt, long bytes, ProcessingResult result, long durationMs)
            implements Terminal {
        public Processed {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public FileStatus fileStatus() {
            return FileStatus.PROCESSED;
        }

        @Override
        public String reason() {
            return null;
        }
    }

    /** The content is not acceptable: the file is REJECTED with {@code error.code()} as the reason. */
    record Rejected(FileRef file, int attempt, long bytes, ProcessingResult result, FileError error, long durationMs)
            implements Terminal {
        public Rejected {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public FileStatus fileStatus() {
            return FileStatus.REJECTED;
        }

        @Override
        public String reason() {
            return error.code();
        }
    }

    /** Processing could not check the file for a permanent reason: FAILED with {@code error.code()}. */
    record Failed(FileRef file, int attempt, FileError error, long durationMs) implements Terminal {
        public Failed {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public FileStatus fileStatus() {
            return FileStatus.FAILED;
        }

        @Override
        public String reason() {
            return error.code();
        }
    }

    /**
     * The file was left alone. {@code itemStatus} is the item's status as found, or null when there
     * is no item.
     */
    record Skipped(FileRef file, SkipReason skipReason, FileStatus itemStatus, long durationMs) implements Outcome {
        public Skipped {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(skipReason, "skipReason");
        }

        @Override
        public String status() {
            return "SKIPPED";
        }

        @Override
        public String reason() {
            return skipReason.name();
        }
    }
}
