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
        AwsSettings settings = Env.parse(Map.of("AWS_REGION", "eu-west-1"), AwsSettings::from);
        assertEquals("eu-west-1", settings.region());
        assertNull(settings.s3Endpoint());
        assertNull(settings.dynamoDbEndpoint());
        assertFalse(settings.s3PathStyle());
        assertEquals(AwsSettings.onAws("eu-west-1"), settings);
    }

    @Test
    void serviceSpecificEndpointsWinOverTheCommonOne() {
        AwsSettings settings = Env.parse(Map.of("AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"), AwsSettings::from);
        assertEquals(URI.create("http://127.0.0.1:9000"), settings.s3Endpoint());
        assertEquals(URI.create("http://localhost:4566"), settings.dynamoDbEndpoint());
        assertEquals(URI.create("http://localhost:4566"), settings.streamsEndpoint());
        assertEquals(URI.create("http://localhost:4566"), settings.stepFunctionsEndpoint());
        assertTrue(settings.s3PathStyle());
    }

    @Test
    void pathStyleCanBeTurnedOffForAnOverride() {
        assertFalse(Env.parse(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_S3", "http://s3.local",
                "FILEPIPE_S3_PATH_STYLE", "false"), AwsSettings::from).s3PathStyle());
    }

    @Test
    void missingRegionAndBadEndpointAreReported() {
        assertEquals(List.of("AWS_REGION is required but not set",
                        "AWS_ENDPOINT_URL_DYNAMODB must be an absolute http(s) URL but is 'localhost:8000'"),
                assertThrows(ConfigException.class,
                        () -> Env.parse(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "localhost:8000"), AwsSettings::from))
                        .problems());
    }

    @Test
    void environmentReadsBackIntoTheSameSettings() {
        List<AwsSettings> examples = List.of(
                AwsSettings.onAws("eu-west-1"),
                AwsSettings.forEndpoints("us-east-1", URI.create("http://127.0.0.1:9000"), URI.create("http://127.0.0.1:8000"))
                        .withStepFunctionsEndpoint(URI.create("http://127.0.0.1:8083")),
                new AwsSettings("ap-south-1", URI.create("https://s3.example"), URI.create("https://ddb.example"),
                        URI.create("https://streams.example"), null, false, 7));
        for (AwsSettings settings : examples) {
            assertEquals(settings, Env.parse(settings.toEnvironment(), AwsSettings::from));
        }
    }
}
