package io.filepipe.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.filepipe.api.auth.InvalidToken;
import io.filepipe.api.auth.KeysUnavailable;
import io.filepipe.api.files.FileNotFound;
import io.filepipe.api.http.ExceptionProblems.Answer;
import io.filepipe.api.upload.IdempotencyKeyReused;
import io.filepipe.api.upload.InvalidUpload;
import io.filepipe.api.upload.PayloadTooLarge;
import io.filepipe.api.upload.UploadExpired;
import io.filepipe.api.upload.UploadMismatch;
import io.filepipe.api.upload.UploadNotStored;
import io.filepipe.api.upload.UploadSessionNotFound;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.blob.InvalidParts;
import io.filepipe.core.store.InvalidCursor;
import io.filepipe.core.store.TooManyUploads;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ExceptionProblemsTest {

    private static Answer answer(Exception e) {
        return ExceptionProblems.answer(e, "GET", "/files/x");
    }

    static Stream<Arguments> clientErrors() {
        return Stream.of(
                Arguments.of(new FileNotFound(), ProblemType.NOT_FOUND),
                Arguments.of(new InvalidCursor(), ProblemType.INVALID_PARAMETER),
                Arguments.of(new IdempotencyKeyReused(), ProblemType.IDEMPOTENCY_KEY_REUSED),
                Arguments.of(new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be JSON"),
                        ProblemType.UNSUPPORTED_MEDIA_TYPE),
                Arguments.of(new HttpResponseException(404, "Not found"), ProblemType.NOT_FOUND),
                Arguments.of(new UploadSessionNotFound("no upload with this id"), ProblemType.NOT_FOUND),
                Arguments.of(new UploadExpired("the upload expired"), ProblemType.UPLOAD_EXPIRED),
                Arguments.of(new UploadMismatch("the object has 3 bytes"), ProblemType.UPLOAD_MISMATCH));
    }

    @Test
    void aBodyOverTheLimitClosesTheConnectionItWasNotReadFrom() {
        Answer answer = answer(new PayloadTooLarge("the body is over 300000 bytes"));

        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, answer.type());
        assertEquals(Map.of("Connection", "close"), answer.headers());
        assertNull(answer.incident());
    }

    @Test
    void partsThatAreNotTheUploadedOnesNameThePartsField() {
        Answer answer = answer(new InvalidParts("part 2 is missing"));

        assertEquals(ProblemType.INVALID_PARTS, answer.type());
        assertEquals("parts", answer.field());
        assertEquals("part 2 is missing", answer.detail());
    }

    @Test
    void tooManyOpenUploadsAsksToRetryInAMinuteWithoutALogEvent() {
        Answer answer = answer(new TooManyUploads(10));

        assertEquals(ProblemType.TOO_MANY_UPLOADS, answer.type());
        assertEquals(Map.of("Retry-After", "60"), answer.headers());
        assertNull(answer.incident());
    }

    @Test
    void aThrottledStoreAsksTheClientToSlowDownNotThatTheServiceIsDown() {
        StorageUnavailable hot = new StorageUnavailable("DynamoDB PutItem failed", null, true, true);

        for (Exception e : List.of(hot, new UploadNotStored("the item could not be written", hot))) {
            Answer answer = answer(e);
            assertEquals(ProblemType.SLOW_DOWN, answer.type());
            assertEquals(429, answer.type().status());
            assertEquals(Map.of("Retry-After", "1"), answer.headers());
            assertFalse(answer.detail().contains("DynamoDB"), "no internals in the answer");
        }
    }

    @ParameterizedTest
    @MethodSource("clientErrors")
    void aClientErrorGetsItsProblemWithoutHeadersOrALogEvent(Exception e, ProblemType type) {
        Answer answer = answer(e);

        assertEquals(type, answer.type());
        assertEquals(Map.of(), answer.headers());
        assertNull(answer.incident());
    }

    @ParameterizedTest
    @EnumSource(InvalidUpload.Kind.class)
    void everyRuleAnUploadBreaksHasTheProblemTypeOfTheSameName(InvalidUpload.Kind kind) {
        Answer answer = answer(new InvalidUpload(kind, "file_name", "file_name is wrong"));

        assertEquals(kind.name(), answer.type().name());
        assertEquals("file_name", answer.field());
        assertEquals("file_name is wrong", answer.detail());
    }

    @Test
    void aForgedCursorNamesTheCursorAsTheFieldAtFault() {
        assertEquals("cursor", answer(new InvalidCursor()).field());
    }

    @Test
    void aMissingTokenGetsABareChallenge() {
        Answer answer = answer(InvalidToken.missing());

        assertEquals(ProblemType.UNAUTHORIZED, answer.type());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"filepipe\""), answer.headers());
    }

    @Test
    void aBadTokenGetsAChallengeNamingTheError() {
        Answer answer = answer(InvalidToken.invalid("the token has expired"));

        assertEquals(ProblemType.UNAUTHORIZED, answer.type());
        assertEquals(Map.of("WWW-Authenticate", "Bearer realm=\"filepipe\", error=\"invalid_token\", "
                + "error_description=\"the token has expired\""), answer.headers());
        assertNull(answer.incident());
    }

    static Stream<Arguments> unavailableDependencies() {
        IOException refused = new ConnectException("Connection refused");
        StorageUnavailable transientFailure = new StorageUnavailable("Unable to execute HTTP request", refused, true);
        return Stream.of(
                Arguments.of(new UploadNotStored("could not store the metadata item", refused),
                        "could not store the metadata item", refused),
                Arguments.of(new KeysUnavailable(refused), "token keys could not be fetched", refused),
                Arguments.of(transientFailure, "storage call failed", transientFailure));
    }

    @ParameterizedTest
    @MethodSource("unavailableDependencies")
    void aFailingDependencyIsA503ToRetryAndAWarningInTheLog(Exception e, String what, Throwable logged) {
        Answer answer = answer(e);

        assertEquals(ProblemType.SERVICE_UNAVAILABLE, answer.type());
        assertEquals("please retry shortly", answer.detail());
        assertEquals(Map.of("Retry-After", "1"), answer.headers());
        assertEquals(new ExceptionProblems.Incident(Level.WARN, "dependency_unavailable", what, logged),
                answer.incident());
    }

    @Test
    void aStoppingServerAsksToRetryWithoutLoggingAnIncident() {
        Answer answer = answer(new ApiException(ProblemType.SERVICE_UNAVAILABLE, "the server is shutting down; please retry"));

        assertEquals(ProblemType.SERVICE_UNAVAILABLE, answer.type());
        assertEquals(Map.of("Retry-After", "1"), answer.headers());
        assertNull(answer.incident());
    }

    @Test
    void aMethodNotAllowedNamesTheAllowedMethods() {
        Answer answer = ExceptionProblems.answer(
                new HttpResponseException(405, "Method not allowed", Map.of("availableMethods", "[GET, DELETE]")),
                "PUT", "/files/x");

        assertEquals(ProblemType.METHOD_NOT_ALLOWED, answer.type());
        assertEquals("PUT is not allowed on /files/x", answer.detail());
        assertEquals(Map.of("Allow", "GET, DELETE"), answer.headers());
    }

    @Test
    void anUnknownRouteNamesTheMethodAndPath() {
        assertEquals("no route matches GET /files/x", answer(new HttpResponseException(404, "Not found")).detail());
    }

    static Stream<Exception> unexpected() {
        return Stream.of(new IllegalStateException("secret internals"),
                new StorageUnavailable("secret internals: the request was malformed", null, false));
    }

    @ParameterizedTest
    @MethodSource("unexpected")
    void anythingElseIsAnInternalErrorLoggedInFullButNotShown(Exception e) {
        Answer answer = answer(e);

        assertEquals(ProblemType.INTERNAL_ERROR, answer.type());
        assertFalse(answer.detail().contains("secret"), answer.detail());
        assertEquals(Level.ERROR, answer.incident().level());
        assertEquals("unhandled_error", answer.incident().event());
        assertSame(e, answer.incident().cause());
    }
}
