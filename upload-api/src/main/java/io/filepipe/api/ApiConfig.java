package io.filepipe.api;

import io.filepipe.api.upload.LargeUploadLimits;
import io.filepipe.api.upload.UploadLimits;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.SweepShards;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the API reads from its environment, once, at start
 * ({@code Env.parse(System.getenv(), ApiConfig::from)}), and the environment that gives a process
 * this configuration ({@link #toEnvironment()}): the names below are defined here only.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><td>{@value #TABLE}</td><td>DynamoDB table (required)</td></tr>
 * <tr><td>{@value #BUCKET}</td><td>S3 bucket (required)</td></tr>
 * <tr><td>{@value #ISSUER}</td><td>expected {@code iss}, e.g. the Cognito user pool URL (required)</td></tr>
 * <tr><td>{@value #AUDIENCE}</td><td>expected {@code aud}: the app client id (required)</td></tr>
 * <tr><td>{@value #JWKS_URL}</td><td>default {@code <issuer>/.well-known/jwks.json}</td></tr>
 * <tr><td>{@value #MAX_BODY_BYTES}, {@value #MAX_UPLOAD_BYTES}, {@value #MAX_COMMENT_CHARS}</td><td>limits</td></tr>
 * <tr><td>{@value #DOWNLOAD_URL_TTL}</td><td>presigned URL lifetime, default PT5M</td></tr>
 * <tr><td>{@value #MAX_LARGE_FILE_BYTES}</td><td>largest file through {@code /uploads}, default 5 GiB</td></tr>
 * <tr><td>{@value #MAX_OPEN_UPLOADS}</td><td>open {@code /uploads} sessions per user, default 10</td></tr>
 * <tr><td>{@value #UPLOAD_SESSION_TTL}</td><td>how long an upload may take, default PT24H</td></tr>
 * <tr><td>{@value #PART_URL_TTL}</td><td>presigned PUT lifetime, default PT15M</td></tr>
 * <tr><td>{@value #SIGN_CHECKSUMS}</td><td>bind a declared SHA-256 into presigned PUTs, default true on AWS
 * (no S3 endpoint override), false otherwise (S3Proxy refuses it)</td></tr>
 * <tr><td>{@value #MAX_LIVE_SHARES}</td><td>live share links per user, default 100</td></tr>
 * <tr><td>{@value #PORT}, {@value #BIND_HOST}</td><td>listen address, default 0.0.0.0:8080</td></tr>
 * <tr><td>{@value #CREATE_RESOURCES}</td><td>create the table and bucket if missing (development only)</td></tr>
 * <tr><td>{@code FILEPIPE_SWEEP_SHARDS}</td><td>keys per status of the sweep index, see {@link SweepShards}</td></tr>
 * <tr><td>{@value #SIGN_IN_URL}</td><td>where the web app signs users in: the base URL of the user pool's
 * Cognito domain ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /logout} under it); unset, the page
 * says sign-in is not configured</td></tr>
 * <tr><td>{@code AWS_REGION}, {@code AWS_ENDPOINT_URL*}</td><td>see {@link AwsSettings}</td></tr>
 * </table>
 */
public record ApiConfig(String table, String bucket, String issuer, String audience, URI jwksUri,
                        UploadLimits limits, LargeUploadLimits largeUploads, boolean signChecksums,
                        Duration downloadUrlTtl, int maxLiveShares, String host, int port, boolean createResources,
                        SweepShards sweepShards, AwsSettings aws, URI signInUrl) {

    public static final String TABLE = "FILEPIPE_TABLE";
    public static final String BUCKET = "FILEPIPE_BUCKET";
    public static final String ISSUER = "FILEPIPE_ISSUER";
    public static final String AUDIENCE = "FILEPIPE_AUDIENCE";
    public static final String JWKS_URL = "FILEPIPE_JWKS_URL";
    public static final String MAX_BODY_BYTES = "FILEPIPE_MAX_BODY_BYTES";
    public static final String MAX_UPLOAD_BYTES = "FILEPIPE_MAX_UPLOAD_BYTES";
    public static final String MAX_COMMENT_CHARS = "FILEPIPE_MAX_COMMENT_CHARS";
    public static final String DOWNLOAD_URL_TTL = "FILEPIPE_DOWNLOAD_URL_TTL";
    public static final String MAX_LARGE_FILE_BYTES = "FILEPIPE_MAX_LARGE_FILE_BYTES";
    public static final String MAX_OPEN_UPLOADS = "FILEPIPE_MAX_OPEN_UPLOADS";
    public static final String UPLOAD_SESSION_TTL = "FILEPIPE_UPLOAD_SESSION_TTL";
    public static final String PART_URL_TTL = "FILEPIPE_PART_URL_TTL";
    public static final String SIGN_CHECKSUMS = "FILEPIPE_SIGN_CHECKSUMS";
    public static final String MAX_LIVE_SHARES = "FILEPIPE_MAX_LIVE_SHARES";
    /** The name Lambda Web Adapter reads too, so both agree on the port. */
    public static final String PORT = "PORT";
    public static final String BIND_HOST = "FILEPIPE_BIND_HOST";
    public static final String CREATE_RESOURCES = "FILEPIPE_CREATE_RESOURCES";
    public static final String SIGN_IN_URL = "FILEPIPE_SIGN_IN_URL";

    public static final Duration DEFAULT_DOWNLOAD_URL_TTL = Duration.ofMinutes(5);
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_LIVE_SHARES = 100;

    /**
     * The API with the default limits and URL lifetime, the issuer's JWKS, no creation of the
     * table and bucket, and no sign-in for the web app ({@link #withSignInUrl}).
     */
    public static ApiConfig of(String table, String bucket, String issuer, String audience, String host, int port,
                               SweepShards sweepShards, AwsSettings aws) {
        return new ApiConfig(table, bucket, issuer, audience, jwksUnder(issuer), UploadLimits.defaults(),
                LargeUploadLimits.defaults(), aws.s3Endpoint() == null, DEFAULT_DOWNLOAD_URL_TTL,
                DEFAULT_MAX_LIVE_SHARES, host, port, false, sweepShards, aws, null);
    }

    /** This configuration with the web app signing users in at {@code url} (a Cognito domain's base URL). */
    public ApiConfig withSignInUrl(URI url) {
        return new ApiConfig(table, bucket, issuer, audience, jwksUri, limits, largeUploads, signChecksums,
                downloadUrlTtl, maxLiveShares, host, port, createResources, sweepShards, aws, url);
    }

    public static ApiConfig from(Env env) {
        String table = env.required(TABLE);
        String bucket = env.required(BUCKET);
        String issuer = env.required(ISSUER);
        String audience = env.required(AUDIENCE);
        URI jwks = env.httpUri(JWKS_URL);
        if (jwks == null && !issuer.isEmpty()) {
            jwks = jwksUnder(issuer);
        }
        long maxBody = env.longInRange(MAX_BODY_BYTES, UploadLimits.DEFAULT_MAX_BODY_BYTES, 1_024, 10_485_760);
        long maxFile = env.longInRange(MAX_UPLOAD_BYTES, UploadLimits.DEFAULT_MAX_FILE_BYTES, 1, 10_485_760);
        if (maxFile * 4 / 3 > maxBody) {
            env.problem(MAX_UPLOAD_BYTES + " (" + maxFile + ") does not fit " + MAX_BODY_BYTES + " (" + maxBody
                    + ") once base64-encoded");
        }
        int maxComment = env.intInRange(MAX_COMMENT_CHARS, UploadLimits.DEFAULT_MAX_COMMENT_CHARS, 0, 65_536);
        Duration ttl = env.duration(DOWNLOAD_URL_TTL, DEFAULT_DOWNLOAD_URL_TTL);
        long maxLargeFile = env.longInRange(MAX_LARGE_FILE_BYTES, LargeUploadLimits.DEFAULT_MAX_FILE_BYTES, 1,
                LargeUploadLimits.MAX_FILE_BYTES);
        int maxOpenUploads = env.intInRange(MAX_OPEN_UPLOADS, LargeUploadLimits.DEFAULT_MAX_OPEN_UPLOADS, 1, 1_000);
        Duration sessionTtl = env.duration(UPLOAD_SESSION_TTL, LargeUploadLimits.DEFAULT_SESSION_TTL);
        Duration partUrlTtl = env.duration(PART_URL_TTL, LargeUploadLimits.DEFAULT_PART_URL_TTL);
        int maxLiveShares = env.intInRange(MAX_LIVE_SHARES, DEFAULT_MAX_LIVE_SHARES, 1, 10_000);
        String host = env.optional(BIND_HOST, DEFAULT_HOST);
        int port = env.intInRange(PORT, DEFAULT_PORT, 0, 65_535);
        boolean createResources = env.bool(CREATE_RESOURCES, false);
        AwsSettings aws = AwsSettings.from(env);
        boolean signChecksums = env.bool(SIGN_CHECKSUMS, aws.s3Endpoint() == null);
        URI signInUrl = env.httpUri(SIGN_IN_URL);
        return new ApiConfig(table, bucket, issuer, audience, jwks, new UploadLimits(maxBody, maxFile, maxComment),
                new LargeUploadLimits(maxLargeFile, maxOpenUploads, sessionTtl, partUrlTtl), signChecksums,
                ttl, maxLiveShares, host, port, createResources, SweepShards.from(env), aws, signInUrl);
    }

    /** This configuration as the variables {@link #from} reads back into it. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new HashMap<>(aws.toEnvironment());
        env.putAll(sweepShards.toEnvironment());
        env.put(TABLE, table);
        env.put(BUCKET, bucket);
        env.put(ISSUER, issuer);
        env.put(AUDIENCE, audience);
        env.put(JWKS_URL, jwksUri.toString());
        env.put(MAX_BODY_BYTES, Long.toString(limits.maxBodyBytes()));
        env.put(MAX_UPLOAD_BYTES, Long.toString(limits.maxFileBytes()));
        env.put(MAX_COMMENT_CHARS, Integer.toString(limits.maxCommentChars()));
        env.put(DOWNLOAD_URL_TTL, downloadUrlTtl.toString());
        env.put(MAX_LARGE_FILE_BYTES, Long.toString(largeUploads.maxFileBytes()));
        env.put(MAX_OPEN_UPLOADS, Integer.toString(largeUploads.maxOpenUploads()));
        env.put(UPLOAD_SESSION_TTL, largeUploads.sessionTtl().toString());
        env.put(PART_URL_TTL, largeUploads.partUrlTtl().toString());
        env.put(SIGN_CHECKSUMS, Boolean.toString(signChecksums));
        env.put(MAX_LIVE_SHARES, Integer.toString(maxLiveShares));
        env.put(BIND_HOST, host);
        env.put(PORT, Integer.toString(port));
        env.put(CREATE_RESOURCES, Boolean.toString(createResources));
        if (signInUrl != null) {
            env.put(SIGN_IN_URL, signInUrl.toString());
        }
        return Map.copyOf(env);
    }

    /** Where Cognito serves a user pool's keys. */
    private static URI jwksUnder(String issuer) {
        return URI.create(issuer.replaceAll("/+$", "") + "/.well-known/jwks.json");
    }
}
