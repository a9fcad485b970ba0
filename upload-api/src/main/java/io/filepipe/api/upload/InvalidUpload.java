package io.filepipe.api.upload;

/**
 * The request body is not an acceptable upload. {@link Kind} says which rule it broke; the message
 * is written for the client and never echoes internals.
 */
public final class InvalidUpload extends RuntimeException {

    /** The rule an upload broke. */
    public enum Kind { MALFORMED_JSON, INVALID_FIELD, INVALID_BASE64, INVALID_FILE_NAME, EMPTY_FILE }

    private final Kind kind;
    private final String field;

    public InvalidUpload(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON field at fault, or null when the body as a whole is. */
    public String field() {
        return field;
    }
}
