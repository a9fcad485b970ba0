package io.filepipe.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A time-ordered file identifier: a ULID (48-bit millisecond timestamp, 80 random bits) in
 * Crockford base32, 26 characters. Lexicographic order is creation order, which is what lets the
 * table list a user's files newest first by sort key alone.
 */
public record FileId(String value) implements Comparable<FileId> {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 26;
    private static final RandomGenerator RANDOM = new SecureRandom();

    public FileId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a file id");
        }
    }

    /** A new id for the given creation time. */
    public static FileId newId(Instant createdAt) {
        return newId(createdAt.toEpochMilli(), RANDOM);
    }

    static FileId newId(long epochMillis, RandomGenerator random) {
        if (epochMillis < 0 || epochMillis >= (1L << 48)) {
            throw new IllegalArgumentException("timestamp out of ULID range");
        }
        char[] out = new char[LENGTH];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long high = random.nextLong() & ((1L << 40) - 1);
        long low = random.nextLong() & ((1L << 40) - 1);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new FileId(new String(out));
    }

    /** Parses a client-supplied id, returning empty for anything that is not a canonical ULID. */
    public static Optional<FileId> parse(String text) {
        return text != null && isValid(text) ? Optional.of(new FileId(text)) : Optional.empty();
    }

    /** The creation time encoded in the id. */
    public Instant timestamp() {
        long time = 0;
        for (int i = 0; i < 10; i++) {
            time = (time << 5) | decode(value.charAt(i));
        }
        return Instant.ofEpochMilli(time);
    }

    private static boolean isValid(String text) {
        if (text.length() != LENGTH || decode(text.charAt(0)) > 7) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (decode(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int decode(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int compareTo(FileId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
