package io.filepipe.api.http;

/** An HTTP-level refusal (bad header, bad query parameter, wrong media type) with its problem type. */
public final class ApiException extends RuntimeException {

    private final ProblemType type;

    public ApiException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
