package io.filepipe.api;

import static io.filepipe.api.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.api.support.ApiTestStack;
import io.filepipe.testsupport.Http;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A user never sees, downloads or deletes another user's file: it simply does not exist for them. */
class CrossUserIT {

    private final ApiTestStack stack = ApiTestStack.shared();

    @Test
    void anotherUsersFileIsNotFoundEverywhere() {
        String alice = ApiTestStack.newUser();
        String bob = ApiTestStack.newUser();
        String fileId = Http.postJson(stack.uri("/upload"), stack.tokenFor(alice),
                Http.uploadBody("private.txt", null, "secret".getBytes(StandardCharsets.UTF_8))).json().get("file_id").asText();
        String bobs = stack.tokenFor(bob);

        assertProblem(Http.get(stack.uri("/files/" + fileId), bobs), 404, "not-found");
        assertProblem(Http.get(stack.uri("/files/" + fileId + "/content"), bobs), 404, "not-found");
        assertProblem(Http.delete(stack.uri("/files/" + fileId), bobs), 404, "not-found");
        assertEquals(0, Http.get(stack.uri("/files"), bobs).json().get("items").size());

        assertEquals(1, stack.objectsOf(alice).size());
        assertEquals(200, Http.get(stack.uri("/files/" + fileId), stack.tokenFor(alice)).status());
    }
}
