package io.filepipe.api;

import io.filepipe.api.upload.UploadLimits;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.Env;
import java.net.URI;
import java.time.Duration;

/**
 * Everything the API reads from its environment, once, at start.
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><td>FILEPIPE_TABLE</td><td>DynamoDB table (required)</td></tr>
 * <tr><td>FILEPIPE_BUCKET</td><td>S3 bucket (required)</td></tr>
 * <tr><td>FILEPIPE_ISSUER</td><td>expected {@code iss}, e.g. the Cognito user pool URL (required)</td></tr>
 * <tr><td>FILEPIPE_AUDIENCE</td><td>expected {@code aud}: the app client id (required)</td></tr>
 * <tr><td>FILEPIPE_JWKS_URL</td><td>default {@code <issuer>/.well-known/jwks.json}</td></tr>
 * <tr><td>FILEPIPE_MAX_BODY_BYTES, FILEPIPE_MAX_UPLOAD_BYTES, FILEPIPE_MAX_COMMENT_CHARS</td><td>limits</td></tr>
 * <tr><td>FILEPIPE_DOWNLOAD_URL_TTL</td><td>presigned URL lifetime, default PT5M</td></tr>
 * <tr><td>PORT, FILEPIPE_BIND_HOST</td><td>listen address, default 0.0.0.0:8080</td></tr>
 * <tr><td>FILEPIPE_CREATE_RESOURCES</td><td>create the table and bucket if missing (development only)</td></tr>
 * </table>
 */
public record ApiConfig(String table, String bucket, String issuer, String audience, URI jwksUri,
                        UploadLimits limits, Duration downloadUrlTtl, String host, int port,
                        boolean createResources, AwsSettings aws) {

    public static ApiConfig from(Env env) {
        String table = env.required("FILEPIPE_TABLE");
        String bucket = env.required("FILEPIPE_BUCKET");
        String issuer = env.required("FILEPIPE_ISSUER");
        String audience = env.required("FILEPIPE_AUDIENCE");
        URI jwks = env.httpUri("FILEPIPE_JWKS_URL");
        if (jwks == null && !issuer.isEmpty()) {
            jwks = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/jwks.json");
        }
        long maxBody = env.longInRange("FILEPIPE_MAX_BODY_BYTES", UploadLimits.DEFAULT_MAX_BODY_BYTES, 1_024, 10_485_760);
        long maxFile = env.longInRange("FILEPIPE_MAX_UPLOAD_BYTES", UploadLimits.DEFAULT_MAX_FILE_BYTES, 1, 10_485_760);
        if (maxFile * 4 / 3 > maxBody) {
            env.problem("FILEPIPE_MAX_UPLOAD_BYTES (" + maxFile + ") does not fit FILEPIPE_MAX_BODY_BYTES (" + maxBody
                    + ") once base64-encoded");
        }
        int maxComment = env.intInRange("FILEPIPE_MAX_COMMENT_CHARS", UploadLimits.DEFAULT_MAX_COMMENT_CHARS, 0, 65_536);
        Duration ttl = env.duration("FILEPIPE_DOWNLOAD_URL_TTL", Duration.ofMinutes(5));
        String host = env.optional("FILEPIPE_BIND_HOST", "0.0.0.0");
        int port = env.intInRange("PORT", 8080, 0, 65_535);
        boolean createResources = env.bool("FILEPIPE_CREATE_RESOURCES", false);
        AwsSettings aws = AwsSettings.from(env);
        env.check();
        return new ApiConfig(table, bucket, issuer, audience, jwks, new UploadLimits(maxBody, maxFile, maxComment),
                ttl, host, port, createResources, aws);
    }
}
