package io.filepipe.core.store;

/**
 * Where the reconciler's scan of uploaded objects goes on. It is kept in the table, not in the
 * process, because a Lambda's execution environment lives a few hours: a position in memory would
 * send every new environment back to the first key, and a large bucket would never be covered.
 * Each move names the revision it read, so two runs that read the same position cannot both move
 * it (the later one would set it back behind the earlier one).
 *
 * @param afterKey the last key the previous run looked at, the next one starts after it; null: at the first key
 * @param revision how often the position was moved; 0 before the first move
 */
public record ScanPosition(String afterKey, long revision) {

    /** The position before any run: the first key, never moved. */
    public static final ScanPosition START = new ScanPosition(null, 0);

    public ScanPosition {
        if (revision < 0) {
            throw new IllegalArgumentException("a revision counts moves, it cannot be negative");
        }
    }
}
