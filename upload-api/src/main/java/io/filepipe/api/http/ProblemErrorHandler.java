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
 * long, malformed HTTP), are RFC 9457 problems too, never Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String slug = switch (status) {
            case 431 -> "request-headers-too-large";
            case 414 -> "uri-too-long";
            case 413 -> "payload-too-large";
            case 400 -> "bad-request";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
        String title = switch (status) {
            case 431 -> "Request header fields too large";
            case 414 -> "URI too long";
            case 413 -> "Payload too large";
            default -> status >= 500 ? "Internal server error" : "Bad request";
        };
        String body = "{\"type\":\"" + ProblemType.BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"the request could not be read as HTTP within the server's limits\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
