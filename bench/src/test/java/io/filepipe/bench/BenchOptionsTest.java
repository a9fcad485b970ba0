package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path REPO = Path.of("/checkout/filepipe");

    private static BenchOptions parse(String... args) {
        return BenchOptions.parse(args, REPO);
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void withoutArgumentsRunsTheFullMeasuresOfTheDefaultPhasesOnItsOwnCheckout() {
        BenchOptions options = parse();

        assertEquals(new BenchOptions(false, Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(5), 1000,
                500, 20, 10, 10, false, Set.copyOf(BenchOptions.DEFAULT_PHASES),
                REPO, REPO.resolve("bench/results"), null), options);
        assertEquals(List.of("start", "memory", "disk", "processor", "e2e"), List.copyOf(options.phases()));
    }

    @Test
    void quickShortensEveryMeasure() {
        BenchOptions options = parse("--quick");

        assertTrue(options.quick());
        assertEquals(Duration.ofMillis(1500), options.window());
        assertEquals(Duration.ofMillis(300), options.settle());
        assertEquals(Duration.ofSeconds(2), options.warmup());
        assertEquals(300, options.cpuUploads());
        assertEquals(60, options.e2eUploads());
        assertEquals(20, options.e2eRate());
        assertEquals(3, options.startRuns());
        assertEquals(2, options.processorFiles());
    }

    @Test
    void onlyKeepsTheNamedPhasesInTheGivenOrder() {
        BenchOptions options = parse("--only", "e2e,start,jit");

        assertEquals(List.of("e2e", "start", "jit"), List.copyOf(options.phases()));
        assertTrue(options.runs("jit"));
        assertFalse(options.runs("memory"));
    }

    @Test
    void theLargeFileBenchmarkRunsOnlyWhenNamed() {
        Path repo = Path.of("/repo");

        assertFalse(BenchOptions.parse(new String[0], repo).runs("large"));
        assertTrue(BenchOptions.parse(new String[] {"--only", "large"}, repo).runs("large"));
    }

    @Test
    void onlyRefusesAPhaseItDoesNotKnow() {
        assertEquals("--only takes some of [start, memory, disk, processor, e2e, jit, compare, large, capacity, pipeline]",
                refusal("--only", "start,warp"));
    }

    @Test
    void compareNeedsABaseCheckout() {
        assertEquals("compare needs --base REV (bench/run.sh builds it) or DIR (a checkout with its own build)", refusal("--only", "compare"));
    }

    @Test
    void pathsAreMadeAbsoluteAndRepoAndBaseNormalized() {
        Path cwd = Path.of("").toAbsolutePath();

        BenchOptions options = parse("--only", "compare", "--base", "../base/./x", "--repo", "other/../repo",
                "--out", "results");

        assertEquals(cwd.resolve("../base/x").normalize(), options.base());
        assertEquals(cwd.resolve("repo"), options.repo());
        assertEquals(cwd.resolve("results"), options.out());
    }

    @Test
    void profileIsOffUnlessAskedFor() {
        assertFalse(parse().profile());
        assertTrue(parse("--profile").profile());
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertEquals("--out needs a value", refusal("--quick", "--out"));
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertEquals("unknown option '--fast'", refusal("--fast"));
    }

    @Test
    void helpIsReportedAsARefusalNamedHelp() {
        assertEquals("help", refusal("--quick", "--help"));
    }
}
