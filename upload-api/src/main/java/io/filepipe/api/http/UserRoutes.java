package io.filepipe.api.http;

/** {@code GET /user}: the caller as their token describes them. */
final class UserRoutes implements Router.Routes {

    private final Authentication auth;

    UserRoutes(Authentication auth) {
        this.auth = auth;
    }

    @Override
    public void addTo(Router router) {
        router.get("/user", ctx -> ctx.json(Views.UserView.of(auth.caller(ctx))));
    }
}
