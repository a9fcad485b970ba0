package io.filepipe.api.http;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Takes the method-override headers off every request before Javalin sees it, so that a request is
 * always routed by its real method. Javalin obeys {@code X-HTTP-Method-Override}: a GET carrying
 * {@code DELETE} would reach the DELETE route, and on AWS the GET route reaches the function as
 * well. The other headers of the kind go too, in case anything ever reads them; the
 * {@code _method} parameter is not read anywhere.
 */
final class MethodOverrideStripping extends Handler.Wrapper {

    static final List<String> HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        if (HEADERS.stream().noneMatch(headers::contains)) {
            return super.handle(request, response, callback);
        }
        HttpFields.Mutable kept = HttpFields.build(headers);
        HEADERS.forEach(kept::remove);
        HttpFields withoutOverrides = kept.asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return withoutOverrides;
            }
        }, response, callback);
    }
}
