package io.filepipe.core;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The content types filepipe recognises from magic bytes, with the file-name extensions that
 * honestly announce each one.
 */
public enum ContentType {
    JPEG("image/jpeg", Set.of("jpg", "jpeg", "jpe", "jfif")),
    PNG("image/png", Set.of("png")),
    GIF("image/gif", Set.of("gif")),
    WEBP("image/webp", Set.of("webp")),
    PDF("application/pdf", Set.of("pdf")),
    ZIP("application/zip", Set.of("zip", "jar", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "apk")),
    TEXT("text/plain", Set.of("txt", "text", "csv", "tsv", "md", "log", "json", "xml", "yaml", "yml", "ini", "cfg",
            "conf", "html", "htm", "css", "js", "java", "py", "sh", "sql")),
    OCTET_STREAM("application/octet-stream", Set.of());

    private final String mimeType;
    private final Set<String> extensions;

    ContentType(String mimeType, Set<String> extensions) {
        this.mimeType = mimeType;
        this.extensions = extensions;
    }

    public String mimeType() {
        return mimeType;
    }

    public boolean isImage() {
        return this == JPEG || this == PNG || this == GIF || this == WEBP;
    }

    /** The type a file name's extension claims, if the extension is one filepipe knows. */
    public static Optional<ContentType> claimedBy(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        for (ContentType type : values()) {
            if (type.extensions.contains(ext)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the name claims a known type that differs from what the bytes are. Unknown
     * extensions claim nothing, so they never mismatch.
     */
    public boolean contradicts(FileName name) {
        return claimedBy(name.extension()).map(claimed -> claimed != this).orElse(false);
    }

    public static Optional<ContentType> ofMimeType(String mimeType) {
        for (ContentType type : values()) {
            if (type.mimeType.equals(mimeType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
