package io.filepipe.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The owner of files: the {@code sub} claim of a verified IdToken. Only characters that are safe
 * in a DynamoDB key and an S3 key segment are accepted (Cognito subs are UUIDs).
 */
public record UserId(String value) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    public UserId {
        Objects.requireNonNull(value, "value");
        if (!SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("user id has characters not allowed in keys");
        }
    }

    /** True when {@code text} would make a valid user id. */
    public static boolean isValid(String text) {
        return text != null && SAFE.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
