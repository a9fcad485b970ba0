package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

class SerializedMetricsTest {

    @Test
    void isAnEnvironmentThatIsItsOwnSink() {
        SerializedMetrics metrics = new SerializedMetrics();

        assertTrue(metrics.probe());
        assertSame(metrics, metrics.getSink());
        assertEquals("filepipe-bench", metrics.getLogGroupName());
        assertTrue(metrics.shutdown().isDone());
    }

    @Test
    void serializesEachDocumentWithoutPrintingIt() throws Exception {
        MetricsContext context = new MetricsContext();
        context.setNamespace("filepipe");
        context.putMetric("FilesProcessed", 1, Unit.COUNT);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new SerializedMetrics().accept(context);
        } finally {
            System.setOut(stdout);
        }

        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }
}
