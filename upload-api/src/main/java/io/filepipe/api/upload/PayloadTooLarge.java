package io.filepipe.api.upload;

/** The body or the decoded file is larger than the configured limit. */
public final class PayloadTooLarge extends RuntimeException {
    public PayloadTooLarge(String message) {
        super(message, null, false, false);
    }
}
