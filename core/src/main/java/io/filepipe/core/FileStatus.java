package io.filepipe.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a file is in its life. {@code PENDING -> PROCESSING -> PROCESSED | REJECTED | FAILED};
 * a crashed attempt leaves {@code PROCESSING}, which may be claimed again once its lease expires;
 * an attempt that hits a transient error hands its claim back ({@code PROCESSING -> PENDING}) so
 * the workflow's retry can claim it at once. The workflow's catch-all may also move
 * {@code PENDING} straight to {@code FAILED}.
 */
public enum FileStatus {
    PENDING,
    PROCESSING,
    PROCESSED,
    REJECTED,
    FAILED;

    /** The states no processing ever leaves: the one definition of "finished". */
    public static final Set<FileStatus> TERMINAL = Collections.unmodifiableSet(EnumSet.of(PROCESSED, REJECTED, FAILED));

    /** True for the states no processing ever leaves. */
    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /**
     * True when {@code name} spells a terminal status as the table and the API write it; false for
     * any other text, so a status read from JSON can be tested without parsing it first.
     */
    public static boolean isTerminal(String name) {
        return TERMINAL.stream().anyMatch(status -> status.name().equals(name));
    }

    /** The states this one may move to. */
    public Set<FileStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PROCESSING, FAILED);
            case PROCESSING -> EnumSet.of(PENDING, PROCESSING, PROCESSED, REJECTED, FAILED);
            case PROCESSED, REJECTED, FAILED -> EnumSet.noneOf(FileStatus.class);
        };
    }

    public boolean canMoveTo(FileStatus target) {
        return next().contains(target);
    }
}
