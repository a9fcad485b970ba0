package io.filepipe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void reportsEveryMissingAndMalformedVariableAtOnce() {
        Map<String, String> vars = Map.of("LIMIT", "ten", "URL", "ftp://x", "FLAG", "maybe", "LEASE", "-PT1S");

        ConfigException e = assertThrows(ConfigException.class, () -> Env.parse(vars, env -> {
            env.required("TABLE");
            env.longInRange("LIMIT", 1, 1, 100);
            env.httpUri("URL");
            env.bool("FLAG", false);
            return env.duration("LEASE", Duration.ofMinutes(1));
        }));

        assertEquals(List.of(
                "TABLE is required but not set",
                "LIMIT must be a whole number but is 'ten'",
                "URL must be an absolute http(s) URL but is 'ftp://x'",
                "FLAG must be true or false but is 'maybe'",
                "LEASE must be a positive duration but is '-PT1S'"), e.problems());
    }

    @Test
    void rejectsNumbersOutsideTheirRange() {
        assertEquals(List.of("N must be between 1 and 10 but is 0"), assertThrows(ConfigException.class,
                () -> Env.parse(Map.of("N", "0"), env -> env.longInRange("N", 5, 1, 10))).problems());
    }

    @Test
    void aProblemRecordedByTheParserItselfIsReportedToo() {
        assertEquals(List.of("A and B exclude each other"), assertThrows(ConfigException.class,
                () -> Env.parse(Map.of(), env -> {
                    env.problem("A and B exclude each other");
                    return "parsed";
                })).problems());
    }

    @Test
    void readsValuesAndFallsBackToDefaults() {
        Map<String, String> vars = Map.of("TABLE", " files ", "N", "7", "LEASE", "90", "URL", "http://127.0.0.1:9/");
        Env.parse(vars, env -> {
            assertEquals("files", env.required("TABLE"));
            assertEquals(7, env.longInRange("N", 1, 1, 10));
            assertEquals(3, env.intInRange("M", 3, 1, 10));
            assertEquals(Duration.ofSeconds(90), env.duration("LEASE", Duration.ZERO));
            assertEquals(URI.create("http://127.0.0.1:9/"), env.httpUri("URL"));
            return env;
        });
    }
}
