package io.filepipe.bench.capacity;

/**
 * One rate the model computed, and the quota it counts against (null for a figure with no quota).
 *
 * @param what       the resource, e.g. "sweep index, one key"
 * @param key        the busiest key or prefix, as the project's key scheme writes it
 * @param perSecond  the rate (or count, for concurrency)
 * @param unit       of the rate
 * @param quota      what it is measured against
 * @param scope      whose load it is
 */
public record Load(String what, String key, double perSecond, String unit, Quota quota, Scope scope) {

    /** Whose load a figure is, which decides what a ceiling counts. */
    public enum Scope {
        /** the whole system's: counts toward the ceiling */
        SYSTEM,
        /** the busiest user's: capped per user (docs/scaling.md), not by the system's rate */
        ONE_USER,
        /** a setting checked against its maximum (a batch, a Map): the same at any load */
        SETTING
    }

    /** The share of the quota used; 0 without a quota. */
    public double utilization() {
        return quota == null ? 0 : perSecond / quota.limit();
    }
}
