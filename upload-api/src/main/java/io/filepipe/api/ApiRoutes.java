package io.filepipe.api;

import java.util.List;

/**
 * Every route the API serves, as API Gateway route keys ({@code METHOD /path/{param}}): the one
 * list the HTTP API in front of it must route (Pulumi reads it), checked against what the server
 * really registers. A route missing here would answer 404 at API Gateway on AWS while every local
 * test passed.
 */
public final class ApiRoutes {

    /**
     * Routes without a token: the readiness check, share links, and the web app (its page, its
     * content-hashed assets and its settings; the page signs in by itself).
     */
    public static final List<String> PUBLIC = List.of("GET /health", "GET /s/{share_id}",
            "GET /", "GET /assets/{file}", "GET /app-config.json");

    /** Routes behind the JWT authorizer. */
    public static final List<String> AUTHENTICATED = List.of(
            "POST /upload",
            "POST /uploads", "GET /uploads/{id}", "POST /uploads/{id}/complete", "DELETE /uploads/{id}",
            "GET /files", "GET /files/{id}", "GET /files/{id}/content", "DELETE /files/{id}",
            "POST /files/{id}/shares", "GET /files/{id}/shares", "DELETE /files/{id}/shares/{share}",
            "GET /user");

    private ApiRoutes() {
    }
}
