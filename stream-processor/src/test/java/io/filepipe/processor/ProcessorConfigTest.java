package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.SweepShards;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    private static Map<String, String> minimal() {
        return new HashMap<>(Map.of("FILEPIPE_TABLE", "files", "FILEPIPE_BUCKET", "uploads", "AWS_REGION", "eu-west-1"));
    }

    @Test
    void defaultsApplyWhenOnlyTheRequiredVariablesAreSet() {
        ProcessorConfig config = Env.parse(minimal(), ProcessorConfig::from);

        assertEquals("files", config.table());
        assertEquals("uploads", config.bucket());
        assertEquals(Duration.ofSeconds(75), config.lease());
        assertEquals(Duration.ofSeconds(30), config.imageBudget());
        assertEquals(50_000_000L, config.maxImagePixels());
        assertEquals(32 * 1024 * 1024, config.maxImageBytes());
        assertEquals(100, config.maxImageScans());
        assertEquals(List.of(128, 512), config.thumbnailSizes());
        assertEquals("eu-west-1", config.aws().region());
    }

    @Test
    void everySettingCanBeOverridden() {
        Map<String, String> vars = minimal();
        vars.put("FILEPIPE_LEASE", "PT90S");
        vars.put("FILEPIPE_IMAGE_BUDGET", "PT10S");
        vars.put("FILEPIPE_MAX_IMAGE_PIXELS", "1000000");
        vars.put("FILEPIPE_MAX_IMAGE_BYTES", "1048576");
        vars.put("FILEPIPE_MAX_IMAGE_SCANS", "20");
        vars.put("FILEPIPE_THUMBNAIL_SIZES", " 512, 64 ,256,64");
        vars.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");

        ProcessorConfig config = Env.parse(vars, ProcessorConfig::from);

        assertEquals(Duration.ofSeconds(90), config.lease());
        assertEquals(Duration.ofSeconds(10), config.imageBudget());
        assertEquals(1_000_000L, config.maxImagePixels());
        assertEquals(1_048_576, config.maxImageBytes());
        assertEquals(20, config.maxImageScans());
        assertEquals(List.of(64, 256, 512), config.thumbnailSizes());
        assertEquals(URI.create("http://127.0.0.1:4566"), config.aws().s3Endpoint());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> vars = new HashMap<>();
        vars.put("FILEPIPE_LEASE", "soon");
        vars.put("FILEPIPE_MAX_IMAGE_PIXELS", "0");
        vars.put("FILEPIPE_MAX_IMAGE_SCANS", "0");
        vars.put("FILEPIPE_IMAGE_BUDGET", "later");
        vars.put("FILEPIPE_THUMBNAIL_SIZES", "128,huge");

        ConfigException e = assertThrows(ConfigException.class, () -> Env.parse(vars, ProcessorConfig::from));

        List<String> problems = e.problems();
        for (String variable : List.of("FILEPIPE_TABLE", "FILEPIPE_BUCKET", "FILEPIPE_LEASE", "FILEPIPE_IMAGE_BUDGET",
                "FILEPIPE_MAX_IMAGE_PIXELS", "FILEPIPE_MAX_IMAGE_SCANS", "FILEPIPE_THUMBNAIL_SIZES", "AWS_REGION")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(variable)), variable + " missing from " + problems);
        }
    }

    @Test
    void anImageBudgetThatDoesNotEndBeforeTheLeaseIsRefused() {
        Map<String, String> vars = minimal();
        vars.put("FILEPIPE_LEASE", "PT60S");
        vars.put("FILEPIPE_IMAGE_BUDGET", "PT60S");

        ConfigException e = assertThrows(ConfigException.class, () -> Env.parse(vars, ProcessorConfig::from));
        assertEquals(List.of("FILEPIPE_IMAGE_BUDGET (PT1M) must be shorter than FILEPIPE_LEASE (PT1M): "
                + "a file still being decoded would lose its claim"), e.problems());
    }

    @Test
    void theLeaseAndTheImageBudgetFollowTheFunctionTimeout() {
        ProcessorTimeouts timeouts = ProcessorTimeouts.ofSeconds(120);

        assertTrue(timeouts.lease().compareTo(timeouts.functionTimeout()) > 0, "a live attempt keeps its claim");
        assertTrue(timeouts.imageBudget().compareTo(timeouts.functionTimeout()) < 0, "a costly file ends before the timeout");
        assertEquals(ProcessorConfig.DEFAULT_LEASE, ProcessorTimeouts.defaults().lease());
        assertEquals(ProcessorConfig.DEFAULT_IMAGE_BUDGET, ProcessorTimeouts.defaults().imageBudget());
    }

    @Test
    void thumbnailSizesOutsideTheSupportedRangeAreRefused() {
        Map<String, String> vars = minimal();
        vars.put("FILEPIPE_THUMBNAIL_SIZES", "8");

        ConfigException e = assertThrows(ConfigException.class, () -> Env.parse(vars, ProcessorConfig::from));
        assertTrue(e.problems().getFirst().startsWith("FILEPIPE_THUMBNAIL_SIZES"));
    }

    @Test
    void environmentReadsBackIntoTheSameSettings() {
        List<ProcessorConfig> examples = List.of(
                Env.parse(minimal(), ProcessorConfig::from),
                new ProcessorConfig("t", "b", Duration.ofSeconds(360), Duration.ofMillis(1500), 1_000, 2_048, 7,
                        List.of(512, 16, 64), new SweepShards(7),
                        AwsSettings.forEndpoints("us-east-1", URI.create("http://127.0.0.1:9000"),
                                URI.create("http://127.0.0.1:8000"))));
        for (ProcessorConfig config : examples) {
            assertEquals(config, Env.parse(config.toEnvironment(), ProcessorConfig::from));
        }
    }

    @Test
    void theDefaultsOfTheFactoryAreTheDefaultsOfTheEnvironment() {
        assertEquals(Env.parse(minimal(), ProcessorConfig::from),
                ProcessorConfig.of("files", "uploads", ProcessorTimeouts.defaults(), SweepShards.DEFAULTS,
                        AwsSettings.onAws("eu-west-1")));
    }
}
