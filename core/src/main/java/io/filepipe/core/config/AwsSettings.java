package io.filepipe.core.config;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the AWS clients go: the region and optional endpoint overrides, read from the variables
 * the AWS SDKs and CLI use ({@value #REGION}, {@value #ENDPOINT_URL}, {@value #ENDPOINT_URL_S3},
 * {@value #ENDPOINT_URL_DYNAMODB}, {@value #ENDPOINT_URL_DYNAMODB_STREAMS}, {@value #ENDPOINT_URL_SFN}).
 * Path-style S3 addressing is on whenever S3 has an endpoint override (local servers cannot resolve
 * virtual-hosted bucket names) unless {@value #S3_PATH_STYLE}{@code =false}.
 *
 * @param httpMaxConnections size of each client's connection pool ({@value #HTTP_MAX_CONNECTIONS})
 */
public record AwsSettings(String region, URI s3Endpoint, URI dynamoDbEndpoint, URI streamsEndpoint,
                          URI stepFunctionsEndpoint, boolean s3PathStyle, int httpMaxConnections) {

    /** The region; on Lambda the runtime sets it, and refuses a function that declares it. */
    public static final String REGION = "AWS_REGION";
    /** Read when {@value #REGION} is not set, as the AWS CLI does. */
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    /** The endpoint of every service without an endpoint of its own. */
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    /** Defaults to DynamoDB's endpoint. */
    public static final String ENDPOINT_URL_DYNAMODB_STREAMS = "AWS_ENDPOINT_URL_DYNAMODB_STREAMS";
    public static final String ENDPOINT_URL_SFN = "AWS_ENDPOINT_URL_SFN";
    public static final String S3_PATH_STYLE = "FILEPIPE_S3_PATH_STYLE";
    public static final String HTTP_MAX_CONNECTIONS = "FILEPIPE_HTTP_MAX_CONNECTIONS";
    public static final int DEFAULT_HTTP_MAX_CONNECTIONS = 64;

    public static AwsSettings from(Env env) {
        String region = env.firstOf(List.of(REGION, DEFAULT_REGION), null);
        if (region == null) {
            env.problem(REGION + " is required but not set");
        }
        URI common = env.httpUri(ENDPOINT_URL);
        URI s3 = orElse(env.httpUri(ENDPOINT_URL_S3), common);
        URI dynamo = orElse(env.httpUri(ENDPOINT_URL_DYNAMODB), common);
        URI streams = orElse(env.httpUri(ENDPOINT_URL_DYNAMODB_STREAMS), dynamo);
        URI stepFunctions = orElse(env.httpUri(ENDPOINT_URL_SFN), common);
        boolean pathStyle = env.bool(S3_PATH_STYLE, s3 != null);
        int connections = env.intInRange(HTTP_MAX_CONNECTIONS, DEFAULT_HTTP_MAX_CONNECTIONS, 1, 4096);
        return new AwsSettings(region == null ? "" : region, s3, dynamo, streams, stepFunctions, pathStyle, connections);
    }

    /** Settings for a process on AWS itself: the SDK's own endpoints, virtual-hosted S3. */
    public static AwsSettings onAws(String region) {
        return new AwsSettings(region, null, null, null, null, false, DEFAULT_HTTP_MAX_CONNECTIONS);
    }

    /** Settings for backends at explicit endpoints (local servers, moto, LocalStack). */
    public static AwsSettings forEndpoints(String region, URI s3Endpoint, URI dynamoDbEndpoint) {
        return new AwsSettings(region, s3Endpoint, dynamoDbEndpoint, dynamoDbEndpoint, null, true,
                DEFAULT_HTTP_MAX_CONNECTIONS);
    }

    /** The same settings with Step Functions at {@code endpoint}. */
    public AwsSettings withStepFunctionsEndpoint(URI endpoint) {
        return new AwsSettings(region, s3Endpoint, dynamoDbEndpoint, streamsEndpoint, endpoint, s3PathStyle,
                httpMaxConnections);
    }

    /**
     * These settings as the variables {@link #from} reads back into them; an endpoint without an
     * override is left out.
     */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put(REGION, region);
        putIfSet(env, ENDPOINT_URL_S3, s3Endpoint);
        putIfSet(env, ENDPOINT_URL_DYNAMODB, dynamoDbEndpoint);
        putIfSet(env, ENDPOINT_URL_DYNAMODB_STREAMS, streamsEndpoint);
        putIfSet(env, ENDPOINT_URL_SFN, stepFunctionsEndpoint);
        env.put(S3_PATH_STYLE, Boolean.toString(s3PathStyle));
        env.put(HTTP_MAX_CONNECTIONS, Integer.toString(httpMaxConnections));
        return Map.copyOf(env);
    }

    private static void putIfSet(Map<String, String> env, String name, URI endpoint) {
        if (endpoint != null) {
            env.put(name, endpoint.toString());
        }
    }

    private static URI orElse(URI first, URI second) {
        return first != null ? first : second;
    }
}
