package io.filepipe.api.http;

/** {@code GET /health}, without a token: the readiness check of Lambda Web Adapter and load balancers. */
final class HealthRoutes implements Router.Routes {

    @Override
    public void addTo(Router router) {
        router.get("/health", ctx -> ctx.json(new Views.Health("ok")));
    }
}
