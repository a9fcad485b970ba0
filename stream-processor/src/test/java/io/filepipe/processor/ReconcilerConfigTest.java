package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.store.SweepShards;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerConfigTest {

    @Test
    void theWorkflowTableAndBucketAreRequired() {
        assertEquals(List.of("FILEPIPE_TABLE is required but not set", "FILEPIPE_BUCKET is required but not set",
                        "FILEPIPE_STATE_MACHINE_ARN is required but not set", "AWS_REGION is required but not set"),
                assertThrows(ConfigException.class, () -> Env.parse(Map.of(), ReconcilerConfig::from)).problems());
    }

    @Test
    void environmentReadsBackIntoTheSameSettings() {
        ReconcilerConfig config = new ReconcilerConfig("files", "uploads",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:workflow",
                new ReconcileSettings(Duration.ofMinutes(2), Duration.ofMinutes(7), ReconcileSettings.BATCH_SIZE, 50),
                new SweepShards(5), AwsSettings.onAws("eu-west-1").withStepFunctionsEndpoint(URI.create("http://127.0.0.1:8083")));
        assertEquals(config, Env.parse(config.toEnvironment(), ReconcilerConfig::from));
    }
}
