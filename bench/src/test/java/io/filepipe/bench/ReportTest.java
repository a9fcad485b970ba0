package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static Results results(boolean quick) {
        Results r = new Results();
        r.setup = new Results.Setup("2026-11-30T10:00:00Z", "AMD EPYC 7763", 2, 7944, "Eclipse Adoptium 25+36",
                "-XX:TieredStopAtLevel=1", "8823f92", quick, 0.5, 1.2, 0.4, 1.5, 2.0, "", 4, 5);
        return r;
    }

    @Test
    void sizesAreWholeBinaryUnitsOrBytes() {
        assertEquals("64 KiB", Report.size(65536));
        assertEquals("5 MiB", Report.size(5 * 1024 * 1024));
        assertEquals("1536 B", Report.size(1536));
        assertEquals("1000 B", Report.size(1000));
    }

    @Test
    void numbersKeepThreeSignificantDigitsUpToAHundred() {
        assertEquals("123", Report.fmt(123.456));
        assertEquals("-150", Report.fmt(-150.4));
        assertEquals("12.4", Report.fmt(12.36));
        assertEquals("1.23", Report.fmt(1.234));
        assertEquals("0.00", Report.fmt(0.0));
    }

    @Test
    void aMissingNumberIsADash() {
        assertEquals("-", Report.fmt(null));
        assertEquals("-", Report.fmt(Double.NaN));
    }

    @Test
    void theHeaderStatesMachineJdkCommitLoadAndWindow() {
        Results r = results(false);
        r.goals.add(new Results.Goal("API CPU per 64 KiB upload", "<= 2.5 ms", "4.00 ms", false));
        r.notes.add("a note");

        assertEquals("""
                # filepipe benchmarks, 2026-11-30T10:00:00Z

                - machine: AMD EPYC 7763, 2 CPUs, 7 GiB RAM
                - JDK: Eclipse Adoptium 25+36
                - commit: 8823f92
                - load average (1 min): 0.50 before, 1.20 after; over the run min 0.40, median 1.50, max 2.00 \
                (the machine was shared: other work competed for the 2 CPUs)
                - API JVM options (Dockerfile.api ENTRYPOINT): `-XX:TieredStopAtLevel=1`
                - throughput cells: 4.00 s measured after 5.00 s of warm-up per API process

                ## Goals

                | goal | target | measured | met |
                |---|---|---|---|
                | API CPU per 64 KiB upload | <= 2.5 ms | 4.00 ms | **no** |

                ## Notes

                - a note

                """, Report.markdown(r));
    }

    @Test
    void aQuickRunIsMarkedAsNotForQuoting() {
        assertTrue(Report.markdown(results(true)).startsWith(
                "# filepipe benchmarks, 2026-11-30T10:00:00Z (--quick: a smoke run, not for quoting)\n"));
    }

    @Test
    void eachThroughputRowPairsTheApiCellWithTheRawCellOfTheSamePayloadAndConcurrency() {
        Results r = results(false);
        r.throughput.add(new Results.Throughput("in-memory", "raw S3+DynamoDB", 65536, 16, 1000, 12, 30, 0, 4000, null, 0.1, 1.1));
        r.throughput.add(new Results.Throughput("in-memory", "API", 65536, 16, 900, 17, 41.5, 1, 3600, 4.0, 0.12, 1.3));
        r.throughput.add(new Results.Throughput("in-memory", "API", 4096, 16, 2000, 7, 15, 0, 8000, 1.0, 0.1, 1.2));
        r.ratios.add(new Results.Ratio("in-memory", 65536, 16, 900, 1000, 0.9));

        String markdown = Report.markdown(r);

        assertTrue(markdown.contains("## Upload throughput, in-memory backends\n"));
        assertTrue(markdown.contains("\n| 64 KiB | 16 | 900 | 17.0 | 41.5 | 1 | 4.00 | 1000 | 12.0 | 30.0 | 0 | 0.90 | 1.10 |\n"),
                markdown);
        assertFalse(markdown.contains("on-disk backends"));
    }

    @Test
    void theEndToEndTableListsEverySpan() {
        Results r = results(false);
        Results.Quantiles q = new Results.Quantiles(41, 120, 300);
        r.endToEnd = new Results.EndToEnd("the local stack", 500, 20, 4096, 499, 1, q, q, q, q, q, q, 498, "one was late");

        String markdown = Report.markdown(r);

        assertTrue(markdown.contains("500 uploads of 4 KiB text at 20.0/s through the local stack: 499 PROCESSED, 1 not; "
                + "498 matched to their workflow execution; one was late.\n"), markdown);
        assertTrue(markdown.contains("| **201 -> PROCESSED** | 41.0 | 120 | 300 |\n"), markdown);
    }

    @Test
    void theJsonHoldsEveryField() throws IOException {
        Results r = results(false);
        r.goals.add(new Results.Goal("g", "t", "m", true));

        JsonNode json = new ObjectMapper().readTree(Report.json(r));

        assertEquals(7944, json.path("setup").path("memoryMiB").asLong());
        assertTrue(json.path("goals").get(0).path("met").asBoolean());
        assertTrue(json.path("endToEnd").isNull());
    }

    @Test
    void writesTheRunAndLatestAsMarkdownAndJson(@TempDir Path dir) throws IOException {
        Results r = results(false);

        Report.write(r, dir.resolve("results"), "20261130T100000Z");

        Path out = dir.resolve("results");
        assertEquals(List.of("20261130T100000Z.json", "20261130T100000Z.md", "latest.json", "latest.md"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(Report.markdown(r), Files.readString(out.resolve("latest.md")));
        assertEquals(Files.readString(out.resolve("20261130T100000Z.json")), Files.readString(out.resolve("latest.json")));
    }

    @Test
    void theSideBySideTableNamesEachRowsConcurrency() {
        Results r = results(false);
        r.sideBySide.add(new Results.SideBySide("compare", "this build", "-Xmx128m", 1024 * 1024, 1, 10, 938, 62.5, 8.27));
        r.sideBySide.add(new Results.SideBySide("compare", "this build", "-Xmx128m", 1024 * 1024, 16, 10, 1191, 79.4, 8.84));

        String markdown = Report.markdown(r);

        assertTrue(markdown.contains("| 1 MiB | 1 | this build | `-Xmx128m` | 938 | 62.5 | 8.27 |"), markdown);
        assertTrue(markdown.contains("| 1 MiB | 16 | this build | `-Xmx128m` | 1191 | 79.4 | 8.84 |"), markdown);
    }
}
