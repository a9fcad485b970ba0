package io.filepipe.processor;

/**
 * Asks work running on another thread to stop. The work looks at it wherever it can: the image
 * decoders at every row they output and at every read of their input.
 */
final class Cancellation {

    private volatile boolean requested;

    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }
}
