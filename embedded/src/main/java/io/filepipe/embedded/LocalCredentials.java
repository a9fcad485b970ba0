package io.filepipe.embedded;

import java.util.Map;

/**
 * The access key pair the embedded backends accept. DynamoDB Local 2.x rejects keys with anything
 * but letters and digits, so the key is plain alphanumeric.
 */
public final class LocalCredentials {

    public static final String ACCESS_KEY = "filepipelocal";
    public static final String SECRET_KEY = "filepipelocalsecret";

    private LocalCredentials() {
    }

    /** The pair as the variables the SDKs' default credential chain reads, for a child process. */
    public static Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }
}
