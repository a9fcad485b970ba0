package io.filepipe.embedded;

/**
 * The access key pair the embedded backends accept. DynamoDB Local 2.x rejects keys with anything
 * but letters and digits, so the key is plain alphanumeric.
 */
public final class LocalCredentials {

    public static final String ACCESS_KEY = "filepipelocal";
    public static final String SECRET_KEY = "filepipelocalsecret";

    private LocalCredentials() {
    }
}
