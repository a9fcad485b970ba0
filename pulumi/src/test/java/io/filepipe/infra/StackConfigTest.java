package io.filepipe.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.config.ConfigException;
import io.filepipe.core.store.SweepShards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackConfigTest {

    private static StackConfig read(String stack, Map<String, String> values) {
        return StackConfig.read(stack, key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void runsWithoutAnyConfiguration() {
        StackConfig config = read("dev", Map.of());

        assertEquals(new StackConfig("filepipe-dev", Architecture.X86_64,
                new FunctionSettings(1024, 29, FunctionSettings.UNRESERVED),
                new FunctionSettings(1024, 60, FunctionSettings.UNRESERVED),
                50, 100, 30, "ERROR", "ERROR", 5, List.of(), true, false, List.of(), List.of(), SweepShards.DEFAULTS), config);
    }

    @Test
    void readsEverySetting() {
        StackConfig config = read("prod", Map.ofEntries(
                Map.entry("architecture", "ARM64"),
                Map.entry("apiMemoryMb", "2048"), Map.entry("apiTimeoutSeconds", "10"),
                Map.entry("apiReservedConcurrency", "20"),
                Map.entry("processorMemoryMb", "3008"), Map.entry("processorTimeoutSeconds", "45"),
                Map.entry("processorReservedConcurrency", "0"),
                Map.entry("throttleRatePerSecond", "500"), Map.entry("throttleBurst", "1000"),
                Map.entry("logRetentionDays", "90"), Map.entry("workflowLogLevel", "all"),
                Map.entry("pipeLogLevel", "INFO"), Map.entry("reconcileEveryMinutes", "15"),
                Map.entry("alarmEmail", " a@example.com,b@example.org "),
                Map.entry("protectData", "false"), Map.entry("tracing", "true"),
                Map.entry("webOrigins", "https://app.example.com, http://localhost:5173"),
                Map.entry("eventEmail", "owner@example.com"), Map.entry("sweepShards", "64")));

        assertEquals(new StackConfig("filepipe-prod", Architecture.ARM64, new FunctionSettings(2048, 10, 20),
                new FunctionSettings(3008, 45, 0), 500, 1000, 90, "ALL", "INFO", 15,
                List.of("a@example.com", "b@example.org"), false, true,
                List.of("https://app.example.com", "http://localhost:5173"), List.of("owner@example.com"),
                new SweepShards(64)), config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://*.example.com", "http://app.example.com", "https://app.example.com/",
            "app.example.com"})
    void webOriginsAreExactHttpsOrigins(String origin) {
        var refused = assertThrows(ConfigException.class, () -> read("dev", Map.of("webOrigins", origin)));

        assertTrue(refused.problems().getFirst().contains("webOrigins"), refused.problems().toString());
    }

    @Test
    void namesEveryBadSettingAtOnce() {
        var refused = assertThrows(ConfigException.class, () -> read("dev", Map.of(
                "architecture", "sparc",
                "apiTimeoutSeconds", "30",
                "logRetentionDays", "10",
                "pipeLogLevel", "DEBUG",
                "alarmEmail", "ops",
                "webOrigins", "*",
                "eventEmail", "owner")));

        assertEquals(7, refused.problems().size(), refused.problems().toString());
        for (String key : List.of("architecture", "apiTimeoutSeconds", "logRetentionDays", "pipeLogLevel", "alarmEmail",
                "webOrigins", "eventEmail")) {
            assertTrue(refused.problems().stream().anyMatch(p -> p.contains(key)), key + " in " + refused.problems());
        }
    }

    @Test
    void exampleConfigurationShowsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> example = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^  filepipe:(\\w+): (.+)$")
                .matcher(Files.readString(Path.of("Pulumi.example.yaml")));
        while (line.find()) {
            example.put(line.group(1), line.group(2));
        }

        assertEquals(Set.copyOf(StackConfig.KEYS), example.keySet());
        example.remove("alarmEmail"); // an address for illustration; the default is none
        example.remove("webOrigins"); // an origin for illustration; the default is none
        example.remove("eventEmail");
        assertEquals(read("dev", Map.of()), read("dev", example));
    }

    @Test
    void stackNamesBecomeLowerCaseNamePrefixes() {
        assertEquals("filepipe-eu-prod-2", read("EU.Prod_2", Map.of()).prefix());
        assertEquals("filepipe-eu-prod-2-upload-api", read("EU.Prod_2", Map.of()).name("upload-api"));
    }

    @Test
    void refusesStackNamesTooLongForRoleNames() {
        var refused = assertThrows(ConfigException.class, () -> read("x".repeat(StackConfig.MAX_STACK_NAME + 1), Map.of()));

        assertTrue(refused.problems().getFirst().contains("longer than " + StackConfig.MAX_STACK_NAME));
    }
}
