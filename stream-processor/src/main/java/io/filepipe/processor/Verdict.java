package io.filepipe.processor;

import io.filepipe.core.ContentType;
import java.util.List;
import java.util.Objects;

/** The decision about one stored file, before anything is written. */
sealed interface Verdict {

    /**
     * The content is acceptable. {@code dimensions} is null for non-images; {@code thumbnails}
     * are rendered but not yet stored, none for anything the JDK cannot decode;
     * {@code thumbnailSkipped} says why an image got none (it was not decoded), else null.
     */
    record Accept(ContentType type, Dimensions dimensions, boolean extensionMismatch, List<Thumbnail> thumbnails,
                  String thumbnailSkipped) implements Verdict {
        public Accept {
            Objects.requireNonNull(type, "type");
            thumbnails = List.copyOf(thumbnails);
        }

        Accept(ContentType type, Dimensions dimensions, boolean extensionMismatch, List<Thumbnail> thumbnails) {
            this(type, dimensions, extensionMismatch, thumbnails, null);
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
