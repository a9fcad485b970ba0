package io.filepipe.core.store;

import io.filepipe.core.FileRecord;

/** The result of an idempotent create. */
public sealed interface CreateOutcome {

    /** The item (and the idempotency record) were written. */
    record Created(FileRecord record) implements CreateOutcome {
    }

    /** The key was used before: nothing was written, here is what the first request stored. */
    record Replayed(IdempotencyRecord first) implements CreateOutcome {
    }
}
