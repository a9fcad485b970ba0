package io.filepipe.processor;

/**
 * One file's entry in the invocation response:
 * {@code {"userId":"…","fileId":"…","status":"PROCESSED|REJECTED|FAILED|SKIPPED","reason":null|"CODE"}}.
 */
record FileResult(String userId, String fileId, String status, String reason) {

    public static FileResult of(Outcome outcome) {
        return new FileResult(outcome.file().userId().value(), outcome.file().fileId().value(),
                outcome.status(), outcome.reason());
    }
}
