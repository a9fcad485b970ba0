package io.filepipe.processor;

import io.filepipe.core.ContentType;
import java.awt.image.BufferedImage;
import java.util.Objects;

/** The decision about one stored file, before anything is written. */
sealed interface Verdict {

    /**
     * The content is acceptable. {@code dimensions} is null for non-images; {@code pixels} is set
     * when thumbnails can be made.
     */
    record Accept(ContentType type, Dimensions dimensions, boolean extensionMismatch, BufferedImage pixels)
            implements Verdict {
        public Accept {
            Objects.requireNonNull(type, "type");
        }
    }

    /** The content is not acceptable; the file ends REJECTED. */
    record Reject(ReasonCode code, String message, ContentType type, Dimensions dimensions, boolean extensionMismatch)
            implements Verdict {
        public Reject {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The content could not be checked; the file ends FAILED. */
    record Fail(ReasonCode code, String message) implements Verdict {
        public Fail {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
