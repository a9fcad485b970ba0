package io.filepipe.emulators.pipes;

/** An input template uses Pipes syntax this transformer does not implement, or is malformed; the message names the placeholder. */
public final class UnsupportedTemplate extends RuntimeException {
    UnsupportedTemplate(String message) {
        super(message);
    }
}
