package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.config.ConfigException;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.processor.ProcessorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    private static final Path DIR = Path.of("data");

    @Test
    void upReadsTheLeaseAndTheReconciliationFromTheEnvironment() {
        StackOptions options = StackOptions.forUp(DIR, "127.0.0.1", 0, true, Map.of(
                ProcessorConfig.LEASE, "PT2M", ReconcileSettings.PENDING_AGE, "PT3M", StackOptions.RECONCILE_EVERY, "30"));
        assertEquals(Duration.ofMinutes(2), options.lease());
        assertEquals(Duration.ofMinutes(3), options.reconcile().pendingAge());
        assertEquals(Duration.ofSeconds(30), options.reconcileEvery());
    }

    @Test
    void upDerivesTheProcessingAgeFromTheLeaseSoACrashCostsAboutAMinute() {
        StackOptions options = StackOptions.forUp(DIR, "127.0.0.1", 0, true, Map.of(ProcessorConfig.LEASE, "PT45S"));
        assertEquals(Duration.ofSeconds(60), options.reconcile().processingAge());
        assertEquals(ReconcileSettings.processingAgeFor(ProcessorConfig.DEFAULT_LEASE),
                new StackOptions(DIR, "127.0.0.1", 0, true, 1.0).reconcile().processingAge());
    }

    @Test
    void upWithoutVariablesHasTheDefaultsOfTheShortConstructor() {
        assertEquals(new StackOptions(DIR, "127.0.0.1", 0, true, 1.0), StackOptions.forUp(DIR, "127.0.0.1", 0, true, Map.of()));
    }

    @Test
    void upRefusesAMalformedPeriod() {
        assertEquals(List.of("FILEPIPE_RECONCILE_EVERY must be a positive duration but is '0'"),
                assertThrows(ConfigException.class, () -> StackOptions.forUp(DIR, "127.0.0.1", 0, true,
                        Map.of(StackOptions.RECONCILE_EVERY, "0"))).problems());
    }
}
