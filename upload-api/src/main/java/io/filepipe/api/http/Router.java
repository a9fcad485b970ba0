package io.filepipe.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Adds a feature's routes to the server, each tagged with its path pattern for the access log. */
final class Router {

    /** A feature's routes: a small class per feature registers its own. */
    interface Routes {
        void addTo(Router router);
    }

    private final RoutesConfig routes;
    private final List<String> added = new ArrayList<>();

    Router(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler handler) {
        routes.get(path, tagged(path, handler));
        added.add("GET " + path);
    }

    void post(String path, Handler handler) {
        routes.post(path, tagged(path, handler));
        added.add("POST " + path);
    }

    void delete(String path, Handler handler) {
        routes.delete(path, tagged(path, handler));
        added.add("DELETE " + path);
    }

    /** The routes added so far, as {@code METHOD /path}. */
    List<String> added() {
        return List.copyOf(added);
    }

    private static Handler tagged(String path, Handler handler) {
        return ctx -> {
            RequestState.route(ctx, path);
            handler.handle(ctx);
        };
    }
}
