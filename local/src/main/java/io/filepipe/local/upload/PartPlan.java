package io.filepipe.local.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * How a file of {@code size} bytes is cut into parts of {@code partSize} bytes: part {@code n}
 * (from 1) starts at {@code (n - 1) * partSize}; the last part holds what is left. The server
 * chooses the part size; the client only slices the file the same way.
 */
public record PartPlan(long size, long partSize) {

    /** One part: its number (from 1), where it starts in the file and how many bytes it holds. */
    public record Part(int number, long offset, long length) {
    }

    public PartPlan {
        if (size < 1 || partSize < 1) {
            throw new IllegalArgumentException("size and part size must be positive: " + size + ", " + partSize);
        }
    }

    public int partCount() {
        return Math.toIntExact((size + partSize - 1) / partSize);
    }

    /** Part {@code number}, 1 to {@link #partCount()}. */
    public Part part(int number) {
        if (number < 1 || number > partCount()) {
            throw new IllegalArgumentException("part " + number + " is not one of 1.." + partCount());
        }
        long offset = (number - 1) * partSize;
        return new Part(number, offset, Math.min(partSize, size - offset));
    }

    public List<Part> parts() {
        List<Part> parts = new ArrayList<>(partCount());
        for (int n = 1; n <= partCount(); n++) {
            parts.add(part(n));
        }
        return parts;
    }
}
