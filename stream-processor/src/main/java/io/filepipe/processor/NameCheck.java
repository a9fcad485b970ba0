package io.filepipe.processor;

import io.filepipe.core.ContentType;
import io.filepipe.core.FileName;
import java.util.Optional;

/**
 * How a file's name relates to what its bytes are. Processing always follows the bytes; the name
 * only decides whether a disagreement is tolerated.
 */
enum NameCheck {
    /** The extension is unknown, or claims exactly what the bytes are. */
    CONSISTENT,
    /** The extension claims another type, but harmlessly: recorded as {@code extensionMismatch}. */
    FLAGGED,
    /** The extension claims a binary format the bytes are not: rejected as {@code CONTENT_MISMATCH}. */
    CONTRADICTED;

    /**
     * Text extensions are used loosely (logs, dumps, exports), so a binary file behind one is only
     * flagged, as is an image of another image type (a renamed photo is still a photo). A name that
     * claims an image, a PDF or a ZIP container over other bytes is the classic disguise, and is
     * refused.
     */
    public static NameCheck of(FileName name, ContentType actual) {
        Optional<ContentType> claimed = ContentType.claimedBy(name.extension());
        if (claimed.isEmpty() || claimed.get() == actual) {
            return CONSISTENT;
        }
        if (claimed.get() == ContentType.TEXT || claimed.get().isImage() && actual.isImage()) {
            return FLAGGED;
        }
        return CONTRADICTED;
    }
}
