package io.filepipe.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches the routes (headers too large, URI too
 * long, malformed HTTP), are RFC 9457 problems from the same catalogue, never Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    static final String DETAIL = "the request could not be read as HTTP within the server's limits";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        byte[] body = problemFor(response.getStatus()).toJson().getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** A status without a type of its own keeps its number, under the nearest general type. */
    static Problem problemFor(int status) {
        ProblemType type = switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 431 -> ProblemType.REQUEST_HEADERS_TOO_LARGE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
        };
        return new Problem(type.uri(), type.title(), status, DETAIL, null, null, null);
    }
}
