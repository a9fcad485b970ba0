package io.filepipe.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemErrorHandlerTest {

    @Test
    void malformedHttpGetsTheSameBodyItAlwaysHad() {
        assertEquals("{\"type\":\"https://filepipe.dev/problems/bad-request\",\"title\":\"Bad request\",\"status\":400,"
                        + "\"detail\":\"the request could not be read as HTTP within the server's limits\"}",
                ProblemErrorHandler.problemFor(400).toJson());
    }

    @ParameterizedTest
    @CsvSource({
            "400, BAD_REQUEST",
            "413, PAYLOAD_TOO_LARGE",
            "414, URI_TOO_LONG",
            "431, REQUEST_HEADERS_TOO_LARGE",
            "500, INTERNAL_ERROR"})
    void aStatusWithATypeOfItsOwnIsAnsweredFromTheCatalogue(int status, ProblemType type) {
        Problem problem = ProblemErrorHandler.problemFor(status);

        assertEquals(Problem.of(type, ProblemErrorHandler.DETAIL, null, null, null), problem);
    }

    @ParameterizedTest
    @CsvSource({"408, BAD_REQUEST", "505, INTERNAL_ERROR"})
    void anyOtherStatusKeepsItsNumberUnderTheGeneralType(int status, ProblemType type) {
        Problem problem = ProblemErrorHandler.problemFor(status);

        assertEquals(type.uri(), problem.type());
        assertEquals(type.title(), problem.title());
        assertEquals(status, problem.status());
    }
}
