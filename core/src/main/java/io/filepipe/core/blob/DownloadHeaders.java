package io.filepipe.core.blob;

import io.filepipe.core.ContentType;
import java.util.Objects;

/**
 * The {@code Content-Type} and {@code Content-Disposition} a presigned GET makes S3 answer with,
 * whatever the object was stored with.
 */
public record DownloadHeaders(String contentType, String contentDisposition) {

    public DownloadHeaders {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(contentDisposition, "contentDisposition");
    }

    /**
     * For a link anyone may open: an image or PDF (by the type found in its bytes) is shown inline
     * under that type; anything else is an {@code application/octet-stream} attachment, so no
     * browser ever renders or runs shared content as HTML, SVG or script.
     */
    public static DownloadHeaders forSharing(String detectedMimeType, String downloadName) {
        boolean viewable = ContentType.ofMimeType(detectedMimeType)
                .map(type -> type.isImage() || type == ContentType.PDF)
                .orElse(false);
        return viewable
                ? new DownloadHeaders(detectedMimeType, ContentDisposition.inline(downloadName))
                : new DownloadHeaders(ContentType.OCTET_STREAM.mimeType(), ContentDisposition.attachment(downloadName));
    }
}
