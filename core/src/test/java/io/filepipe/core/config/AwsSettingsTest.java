package io.filepipe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void noOverridesMeansRealAwsWithVirtualHostedS3() {
        Env env = Env.of(Map.of("AWS_REGION", "eu-west-1"));
        AwsSettings settings = AwsSettings.from(env);
        env.check();
        assertEquals("eu-west-1", settings.region());
        assertNull(settings.s3Endpoint());
        assertNull(settings.dynamoDbEndpoint());
        assertFalse(settings.s3PathStyle());
    }

    @Test
    void serviceSpecificEndpointsWinOverTheCommonOne() {
        Env env = Env.of(Map.of("AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));
        AwsSettings settings = AwsSettings.from(env);
        env.check();
        assertEquals(URI.create("http://127.0.0.1:9000"), settings.s3Endpoint());
        assertEquals(URI.create("http://localhost:4566"), settings.dynamoDbEndpoint());
        assertEquals(URI.create("http://localhost:4566"), settings.streamsEndpoint());
        assertEquals(URI.create("http://localhost:4566"), settings.stepFunctionsEndpoint());
        assertTrue(settings.s3PathStyle());
    }

    @Test
    void pathStyleCanBeTurnedOffForAnOverride() {
        Env env = Env.of(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", "http://s3.local",
                "FILEPIPE_S3_PATH_STYLE", "false"));
        assertFalse(AwsSettings.from(env).s3PathStyle());
    }

    @Test
    void missingRegionAndBadEndpointAreReported() {
        Env env = Env.of(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "localhost:8000"));
        AwsSettings.from(env);
        assertEquals(List.of("AWS_REGION is required but not set",
                        "AWS_ENDPOINT_URL_DYNAMODB must be an absolute http(s) URL but is 'localhost:8000'"),
                assertThrows(ConfigException.class, env::check).problems());
    }
}
