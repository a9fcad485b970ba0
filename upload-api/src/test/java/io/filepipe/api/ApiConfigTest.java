package io.filepipe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.api.upload.LargeUploadLimits;
import io.filepipe.api.upload.UploadLimits;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.SweepShards;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "FILEPIPE_TABLE", "files", "FILEPIPE_BUCKET", "uploads", "AWS_REGION", "eu-west-1",
            "FILEPIPE_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
            "FILEPIPE_AUDIENCE", "client");

    @Test
    void namesEveryMissingVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> Env.parse(Map.of(), ApiConfig::from));
        assertEquals(List.of("FILEPIPE_TABLE is required but not set", "FILEPIPE_BUCKET is required but not set",
                "FILEPIPE_ISSUER is required but not set", "FILEPIPE_AUDIENCE is required but not set",
                "AWS_REGION is required but not set"), e.problems());
    }

    @Test
    void jwksDefaultsToTheCognitoLayoutUnderTheIssuer() {
        ApiConfig config = Env.parse(MINIMAL, ApiConfig::from);
        assertEquals(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/.well-known/jwks.json"),
                config.jwksUri());
        assertEquals(8080, config.port());
        assertEquals("0.0.0.0", config.host());
    }

    @Test
    void refusesAFileLimitThatCannotFitTheBodyLimit() {
        var env = new HashMap<>(MINIMAL);
        env.put("FILEPIPE_MAX_BODY_BYTES", "100000");
        env.put("FILEPIPE_MAX_UPLOAD_BYTES", "90000");
        ConfigException e = assertThrows(ConfigException.class, () -> Env.parse(env, ApiConfig::from));
        assertEquals(List.of("FILEPIPE_MAX_UPLOAD_BYTES (90000) does not fit FILEPIPE_MAX_BODY_BYTES (100000) once base64-encoded"),
                e.problems());
    }

    @Test
    void theDefaultsOfTheFactoryAreTheDefaultsOfTheEnvironment() {
        ApiConfig parsed = Env.parse(MINIMAL, ApiConfig::from);
        assertEquals(parsed, ApiConfig.of("files", "uploads", parsed.issuer(), "client", ApiConfig.DEFAULT_HOST,
                ApiConfig.DEFAULT_PORT, SweepShards.DEFAULTS, AwsSettings.onAws("eu-west-1")));
    }

    @Test
    void largeUploadsDefaultToFiveGibibytesTenOpenADayAndQuarterHourUrlsWithChecksumsSignedOnAwsOnly() {
        ApiConfig onAws = Env.parse(MINIMAL, ApiConfig::from);
        Map<String, String> local = new HashMap<>(MINIMAL);
        local.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9000");

        assertEquals(LargeUploadLimits.defaults(), onAws.largeUploads());
        assertEquals(new LargeUploadLimits(5L << 30, 10, Duration.ofHours(24), Duration.ofMinutes(15)),
                onAws.largeUploads());
        assertEquals(true, onAws.signChecksums());
        assertEquals(false, Env.parse(local, ApiConfig::from).signChecksums());
    }

    @Test
    void environmentReadsBackIntoTheSameConfiguration() {
        List<ApiConfig> examples = List.of(
                Env.parse(MINIMAL, ApiConfig::from),
                new ApiConfig("t", "b", "http://127.0.0.1:4000", "aud", URI.create("http://127.0.0.1:4001/keys"),
                        new UploadLimits(200_000, 100_000, 0),
                        new LargeUploadLimits(1_000_000_000, 3, Duration.ofHours(2), Duration.ofMinutes(5)), false,
                        Duration.ofSeconds(30), 7, "127.0.0.1", 0, true, new SweepShards(3),
                        AwsSettings.forEndpoints("us-east-1", URI.create("http://127.0.0.1:9000"),
                                URI.create("http://127.0.0.1:8000")), URI.create("http://127.0.0.1:4000")));
        for (ApiConfig config : examples) {
            assertEquals(config, Env.parse(config.toEnvironment(), ApiConfig::from));
        }
    }
}
