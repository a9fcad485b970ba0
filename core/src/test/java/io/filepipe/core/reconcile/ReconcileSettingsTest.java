package io.filepipe.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.config.ConfigException;
import io.filepipe.core.config.Env;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileSettingsTest {

    private static final Duration LEASE = Duration.ofSeconds(75);

    @Test
    void unsetVariablesGiveTheDefaults() {
        assertEquals(ReconcileSettings.defaults(LEASE), Env.parse(Map.of(), env -> ReconcileSettings.from(env, LEASE)));
    }

    @Test
    void theProcessingAgeFollowsTheLeaseWithAMargin() {
        Duration age = ReconcileSettings.defaults(LEASE).processingAge();

        assertEquals(LEASE.plus(ReconcileSettings.PROCESSING_AGE_MARGIN), age);
        assertTrue(age.compareTo(Duration.ofMinutes(2)) < 0, "a crashed attempt costs its file about a minute");
    }

    @Test
    void aProcessingAgeBelowTheLeaseIsRefused() {
        Map<String, String> vars = Map.of(ReconcileSettings.PROCESSING_AGE, "PT60S");
        assertEquals(List.of("FILEPIPE_RECONCILE_PROCESSING_AGE (PT1M) must not be shorter than the processor's lease "
                        + "(PT1M15S): a re-driven file would still be held by its lost attempt"),
                assertThrows(ConfigException.class, () -> Env.parse(vars, env -> ReconcileSettings.from(env, LEASE)))
                        .problems());
    }

    @Test
    void environmentReadsBackIntoTheSameSettings() {
        ReconcileSettings settings = new ReconcileSettings(Duration.ofMinutes(3), Duration.ofSeconds(90),
                ReconcileSettings.BATCH_SIZE, 250);
        assertEquals(settings, Env.parse(settings.toEnvironment(), env -> ReconcileSettings.from(env, LEASE)));
    }

    @Test
    void malformedAgesAndLimitsAreReported() {
        Map<String, String> vars = Map.of(ReconcileSettings.PENDING_AGE, "soon", ReconcileSettings.MAX_PER_RUN, "0");
        assertEquals(List.of(
                        "FILEPIPE_RECONCILE_PENDING_AGE must be a duration like PT15M or a number of seconds but is 'soon'",
                        "FILEPIPE_RECONCILE_MAX must be between 1 and 100000 but is 0"),
                assertThrows(ConfigException.class, () -> Env.parse(vars, env -> ReconcileSettings.from(env, LEASE)))
                        .problems());
    }
}
