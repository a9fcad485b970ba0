package io.filepipe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.api.support.ApiTestStack;
import io.filepipe.testsupport.Http;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No header or parameter changes a request's method: on every route, a request that asks to be
 * treated as another method gets exactly the answer of its real method, and stores or deletes
 * exactly what its real method does. On AWS a GET route reaches the function too, so obeying an
 * override would let a GET delete.
 */
class MethodOverrideIT {

    private static final ApiTestStack STACK = ApiTestStack.shared();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** What a request's real method does to the caller's files. */
    enum Effect { NOTHING, STORES_ONE, DELETES_IT }

    /** A request by its real method; {@code {id}} is a file of the caller's. */
    record Route(String method, String path, int status, Effect effect) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every way clients and frameworks carry a method override. */
    enum Carrier {
        X_HTTP_METHOD_OVERRIDE_HEADER, X_HTTP_METHOD_HEADER, X_METHOD_OVERRIDE_HEADER, METHOD_QUERY_PARAMETER,
        METHOD_BODY_PARAMETER;

        HttpRequest request(Route route, String override, String fileId, String token) {
            String path = route.path().replace("{id}", fileId);
            boolean upload = route.path().equals("/upload");
            String body = upload ? uploadBody(this == METHOD_BODY_PARAMETER ? override : null) : null;
            String contentType = upload ? "application/json" : null;
            if (this == METHOD_QUERY_PARAMETER) {
                path += "?_method=" + override;
            } else if (this == METHOD_BODY_PARAMETER && !upload) {
                body = "_method=" + override;
                contentType = "application/x-www-form-urlencoded";
            }
            HttpRequest.Builder request = Http.request(STACK.uri(path), token).method(route.method(),
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            switch (this) {
                case X_HTTP_METHOD_OVERRIDE_HEADER -> request.header("X-HTTP-Method-Override", override);
                case X_HTTP_METHOD_HEADER -> request.header("X-HTTP-Method", override);
                case X_METHOD_OVERRIDE_HEADER -> request.header("X-Method-Override", override);
                default -> { }
            }
            return request.build();
        }

        private static String uploadBody(String methodField) {
            return "{\"file_name\":\"new.txt\",\"file_data\":\"bmV3\""
                    + (methodField == null ? "" : ",\"_method\":\"" + methodField + "\"") + "}";
        }
    }

    static Stream<Arguments> overrides() {
        List<Route> routes = List.of(
                new Route("GET", "/health", 200, Effect.NOTHING),
                new Route("GET", "/user", 200, Effect.NOTHING),
                new Route("GET", "/files", 200, Effect.NOTHING),
                new Route("GET", "/files/{id}", 200, Effect.NOTHING),
                new Route("GET", "/files/{id}/content", 302, Effect.NOTHING),
                new Route("DELETE", "/files/{id}", 204, Effect.DELETES_IT),
                new Route("POST", "/upload", 201, Effect.STORES_ONE),
                new Route("GET", "/upload", 405, Effect.NOTHING),
                new Route("PUT", "/files/{id}", 405, Effect.NOTHING),
                new Route("POST", "/files/{id}", 405, Effect.NOTHING));
        List<Arguments> cases = new ArrayList<>();
        for (Route route : routes) {
            for (String override : METHODS) {
                if (!override.equals(route.method())) {
                    for (Carrier carrier : Carrier.values()) {
                        cases.add(Arguments.of(route, override, carrier));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} by {2}")
    @MethodSource("overrides")
    void anOverrideIsIgnoredAndTheRealMethodAnswers(Route route, String override, Carrier carrier) {
        String user = ApiTestStack.newUser();
        String token = STACK.tokenFor(user);
        String fileId = Http.postJson(STACK.uri("/upload"), token, Http.uploadBody("kept.txt", null, new byte[] {'k'}))
                .json().get("file_id").asText();

        Http.Response response = Http.send(carrier.request(route, override, fileId, token));

        assertEquals(route.status(), response.status(), response.body());
        List<String> files = STACK.itemsOf(user).stream().map(item -> item.get("SK").s())
                .filter(sk -> sk.startsWith("FILE#")).toList();
        int objects = STACK.objectsOf(user).size();
        switch (route.effect()) {
            case NOTHING -> {
                assertEquals(List.of("FILE#" + fileId), files);
                assertEquals(1, objects);
            }
            case STORES_ONE -> {
                assertEquals(2, files.size(), files::toString);
                assertTrue(files.contains("FILE#" + fileId), files::toString);
                assertEquals(2, objects);
            }
            case DELETES_IT -> {
                assertEquals(List.of(), files);
                assertEquals(0, objects);
            }
        }
    }
}
