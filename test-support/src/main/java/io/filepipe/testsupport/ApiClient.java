package io.filepipe.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.core.FileStatus;
import java.net.URI;
import java.time.Duration;

/** filepipe's upload API called the way a client calls it, as one user: upload, read, wait for the outcome. */
public final class ApiClient {

    private final URI api;
    private final String token;

    /** A client of the API at {@code api} (its base URL) with the user's IdToken {@code token}. */
    public ApiClient(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    /** {@code POST /upload} of {@code data} named {@code name}. */
    public Http.Response upload(String name, byte[] data) {
        return Http.postJson(api.resolve("/upload"), token, Http.uploadBody(name, null, data));
    }

    /** {@code GET /files/{fileId}}. */
    public Http.Response file(String fileId) {
        return Http.get(api.resolve("/files/" + fileId), token);
    }

    /**
     * The file's view once its status is terminal, read again and again (for a stack in another
     * process); fails after {@code deadline}, scaled as {@link Await} does.
     */
    public JsonNode awaitTerminal(String fileId, Duration deadline) throws Exception {
        return Await.until(terminal(fileId), deadline, () -> file(fileId).json(), ApiClient::isTerminal);
    }

    /**
     * The file's view once its status is terminal, read again after each {@code event} (e.g. a pass
     * of the pipe of a stack in this JVM); fails after {@code deadline}, scaled as {@link Await} does.
     */
    public JsonNode awaitTerminal(String fileId, Duration deadline, Await.Event event) throws Exception {
        return Await.untilAfter(terminal(fileId), deadline, event, () -> file(fileId).json(), ApiClient::isTerminal);
    }

    private static String terminal(String fileId) {
        return "file " + fileId + " in a terminal status";
    }

    private static boolean isTerminal(JsonNode file) {
        return FileStatus.isTerminal(file.path("status").asText());
    }
}
