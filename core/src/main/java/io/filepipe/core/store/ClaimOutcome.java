package io.filepipe.core.store;

import io.filepipe.core.FileRecord;

/** What happened when a processor tried to claim a file. */
public sealed interface ClaimOutcome {

    /** The caller owns the file now; {@code record.attempts()} numbers this attempt. */
    record Claimed(FileRecord record) implements ClaimOutcome {
    }

    /** Another attempt holds a live lease, or the file is already terminal: nothing to do. */
    record NotClaimable(FileRecord current) implements ClaimOutcome {
    }

    /** There is no such item (deleted, or never written). */
    record Missing() implements ClaimOutcome {
    }
}
