package io.filepipe.core.config;

import java.net.URI;
import java.util.List;

/**
 * Where the AWS clients go: the region and optional endpoint overrides, read from the variables
 * the AWS SDKs and CLI use ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_DYNAMODB},
 * {@code AWS_ENDPOINT_URL_DYNAMODB_STREAMS}, {@code AWS_ENDPOINT_URL_SFN}). Path-style S3 addressing is on whenever S3 has an
 * endpoint override (local servers cannot resolve virtual-hosted bucket names) unless
 * {@code FILEPIPE_S3_PATH_STYLE=false}.
 *
 * @param httpMaxConnections size of each client's connection pool ({@code FILEPIPE_HTTP_MAX_CONNECTIONS})
 */
public record AwsSettings(String region, URI s3Endpoint, URI dynamoDbEndpoint, URI streamsEndpoint,
                          URI stepFunctionsEndpoint, boolean s3PathStyle, int httpMaxConnections) {

    public static AwsSettings from(Env env) {
        String region = env.firstOf(List.of("AWS_REGION", "AWS_DEFAULT_REGION"), null);
        if (region == null) {
            env.problem("AWS_REGION is required but not set");
        }
        URI common = env.httpUri("AWS_ENDPOINT_URL");
        URI s3 = orElse(env.httpUri("AWS_ENDPOINT_URL_S3"), common);
        URI dynamo = orElse(env.httpUri("AWS_ENDPOINT_URL_DYNAMODB"), common);
        URI streams = orElse(env.httpUri("AWS_ENDPOINT_URL_DYNAMODB_STREAMS"), dynamo);
        URI stepFunctions = orElse(env.httpUri("AWS_ENDPOINT_URL_SFN"), common);
        boolean pathStyle = env.bool("FILEPIPE_S3_PATH_STYLE", s3 != null);
        int connections = env.intInRange("FILEPIPE_HTTP_MAX_CONNECTIONS", 64, 1, 4096);
        return new AwsSettings(region == null ? "" : region, s3, dynamo, streams, stepFunctions, pathStyle, connections);
    }

    /** Settings for backends at explicit endpoints (local servers, moto, LocalStack). */
    public static AwsSettings forEndpoints(String region, URI s3Endpoint, URI dynamoDbEndpoint) {
        return new AwsSettings(region, s3Endpoint, dynamoDbEndpoint, dynamoDbEndpoint, null, true, 64);
    }

    /** The same settings with Step Functions at {@code endpoint}. */
    public AwsSettings withStepFunctionsEndpoint(URI endpoint) {
        return new AwsSettings(region, s3Endpoint, dynamoDbEndpoint, streamsEndpoint, endpoint, s3PathStyle,
                httpMaxConnections);
    }

    private static URI orElse(URI first, URI second) {
        return first != null ? first : second;
    }
}
