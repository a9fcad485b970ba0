package io.filepipe.core;

import java.util.List;
import java.util.Optional;

/** One page of a listing and the opaque cursor of the next page, if there is one. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
