package io.filepipe.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;

/**
 * An RFC 9457 problem details body. {@code requestId} correlates it with the access log;
 * {@code field} names the request field at fault when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
                      String field) {

    /** The media type of every problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, String requestId, String field) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, requestId, field);
    }

    /** The body as it goes on the wire. */
    public String toJson() {
        return ApiJson.write(this);
    }
}
