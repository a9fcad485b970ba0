package io.filepipe.api.http;

import java.net.URI;

/**
 * Every kind of error the API answers with, as RFC 9457 problem types: the one catalogue of types,
 * titles and statuses, for the routes' errors and for those the HTTP server answers itself. The
 * {@code type} URIs and titles are part of the API contract: clients may switch on them, so they
 * never change. The API reference documents this table (a test compares the two).
 */
public enum ProblemType {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    MALFORMED_JSON(400, "malformed-json", "Request body is not valid JSON"),
    INVALID_FIELD(400, "invalid-field", "A request field is missing or invalid"),
    INVALID_BASE64(400, "invalid-base64", "file_data is not valid base64"),
    INVALID_FILE_NAME(400, "invalid-file-name", "file_name is not acceptable"),
    EMPTY_FILE(400, "empty-file", "The file is empty"),
    INVALID_PARAMETER(400, "invalid-parameter", "A query parameter or header is invalid"),
    INVALID_PARTS(400, "invalid-parts", "The parts named are not the parts uploaded"),
    UPLOAD_MISMATCH(400, "upload-mismatch", "The uploaded object is not the file declared"),
    UNAUTHORIZED(401, "unauthorized", "A valid IdToken is required"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    FILE_NOT_SHAREABLE(409, "file-not-shareable", "Only a processed file can be shared"),
    UPLOAD_EXPIRED(410, "upload-expired", "The upload expired before it was completed"),
    SHARE_EXPIRED(410, "share-expired", "The share link has expired or was revoked"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "Idempotency-Key reused with a different request"),
    TOO_MANY_UPLOADS(429, "too-many-uploads", "Too many uploads open at once"),
    TOO_MANY_SHARES(429, "too-many-shares", "Too many live share links"),
    SLOW_DOWN(429, "slow-down", "Too many requests for this user's files at once"),
    REQUEST_HEADERS_TOO_LARGE(431, "request-headers-too-large", "Request header fields too large"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service temporarily unavailable");

    /** Base of every problem type URI. */
    public static final String BASE = "https://filepipe.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last segment of the type URI, as the API reference lists it. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }
}
