package io.filepipe.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileSettingsTest {

    @Test
    void unsetVariablesGiveTheDefaults() {
        assertEquals(ReconcileSettings.defaults(), Env.parse(Map.of(), ReconcileSettings::from));
    }

    @Test
    void environmentReadsBackIntoTheSameSettings() {
        ReconcileSettings settings = new ReconcileSettings(Duration.ofMinutes(3), Duration.ofSeconds(90),
                ReconcileSettings.BATCH_SIZE, 250);
        assertEquals(settings, Env.parse(settings.toEnvironment(), ReconcileSettings::from));
    }

    @Test
    void malformedAgesAndLimitsAreReported() {
        Map<String, String> vars = Map.of(ReconcileSettings.PENDING_AGE, "soon", ReconcileSettings.MAX_PER_RUN, "0");
        assertEquals(List.of(
                        "FILEPIPE_RECONCILE_PENDING_AGE must be a duration like PT15M or a number of seconds but is 'soon'",
                        "FILEPIPE_RECONCILE_MAX must be between 1 and 100000 but is 0"),
                assertThrows(ConfigException.class, () -> Env.parse(vars, ReconcileSettings::from)).problems());
    }
}
