package io.filepipe.emulators.workflow;

/** The definition uses something this runner does not implement, or is malformed; the message names the state. */
public final class UnsupportedDefinition extends RuntimeException {
    public UnsupportedDefinition(String message) {
        super(message);
    }
}
