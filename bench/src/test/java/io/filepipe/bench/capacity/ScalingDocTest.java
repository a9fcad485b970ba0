package io.filepipe.bench.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/scaling.md carries the model's output; it must be what the model computes now. */
class ScalingDocTest {

    private static final String BEGIN = "<!-- capacity:begin -->";
    private static final String END = "<!-- capacity:end -->";

    @Test
    void theScalingPageShowsWhatTheModelComputesNow() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "scaling.md"));
        String shown = page.substring(page.indexOf(BEGIN) + BEGIN.length(), page.indexOf(END)).strip();

        assertEquals(CapacityReport.markdown().strip(), shown,
                "docs/scaling.md is out of date: paste the output of bench/run.sh --only capacity between its markers");
    }
}
