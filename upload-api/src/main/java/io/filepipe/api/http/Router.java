package io.filepipe.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/** Adds a feature's routes to the server, each tagged with its path pattern for the access log. */
final class Router {

    /** A feature's routes: a small class per feature registers its own. */
    interface Routes {
        void addTo(Router router);
    }

    private final RoutesConfig routes;

    Router(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler handler) {
        routes.get(path, tagged(path, handler));
    }

    void post(String path, Handler handler) {
        routes.post(path, tagged(path, handler));
    }

    void delete(String path, Handler handler) {
        routes.delete(path, tagged(path, handler));
    }

    private static Handler tagged(String path, Handler handler) {
        return ctx -> {
            RequestState.route(ctx, path);
            handler.handle(ctx);
        };
    }
}
