package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.processor.ProcessorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int reconcile(Path dataDir, Map<String, String> environment) throws Exception {
        return ReconcileCommand.run(dataDir, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void malformedAgesAndLeaseAreReportedInsteadOfBecomingTheDefaults(@TempDir Path dir) throws Exception {
        int status = reconcile(dir, Map.of(ReconcileSettings.PROCESSING_AGE, "twenty minutes",
                ProcessorConfig.LEASE, "-PT5M"));

        assertEquals(2, status);
        // the lease comes first: the processing age's default follows from it
        assertEquals("filepipe-local: "
                        + "FILEPIPE_LEASE must be a positive duration but is '-PT5M'; "
                        + "FILEPIPE_RECONCILE_PROCESSING_AGE must be a duration like PT15M or a number of seconds but is 'twenty minutes'"
                        + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAStackItSaysHowToStartOne(@TempDir Path dir) throws Exception {
        assertEquals(1, reconcile(dir, Map.of()));
        assertEquals("filepipe-local: no stack running in " + dir
                        + ": start one with `java -jar local/target/filepipe-local.jar up`" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }
}
