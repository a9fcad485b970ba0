package io.filepipe.testsupport.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.core.KeyScheme;
import io.filepipe.core.reconcile.ReconcileReport;
import io.filepipe.core.reconcile.ReconcileSettings;
import io.filepipe.core.reconcile.Reconciler;
import io.filepipe.core.store.ScanPosition;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two reconcilers at once (two Lambda invocations of the schedule overlapping) on the in-memory adapters. */
class ConcurrentReconcilersTest {

    private static final Instant UPLOADED = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aRunWhoseScanRangeWasTakenMeanwhileLeavesItToTheOtherRunAndKeepsItsPosition() throws Exception {
        InMemoryFileStore files = new InMemoryFileStore();
        InMemoryBlobStore blobs = new InMemoryBlobStore("bucket", Clock.fixed(UPLOADED, ZoneOffset.UTC));
        List<String> orphans = List.of("uploads/u/01A/a.txt", "uploads/u/01B/b.txt", "uploads/u/01C/c.txt");
        byte[] data = {1};
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(data);
        orphans.forEach(key -> blobs.put(key, data, "text/plain", sha256));
        String otherRunsPosition = "uploads/u/01C/c.txt";
        files.beforeNext(InMemoryFileStore.Operation.ORPHAN_SCAN, () -> { }) // this run reads the position
                .beforeNext(InMemoryFileStore.Operation.ORPHAN_SCAN, // and before it moves it, the other run does
                        () -> files.moveOrphanScan(files.orphanScanPosition(), otherRunsPosition));
        Reconciler reconciler = new Reconciler(files, blobs, batch -> { },
                Clock.fixed(UPLOADED.plus(Duration.ofHours(1)), ZoneOffset.UTC), ReconcileSettings.defaults(Duration.ofSeconds(75)));

        ReconcileReport report = reconciler.run();

        assertEquals(List.of(), report.orphanedObjects(), "the other run has this range");
        assertEquals(orphans, blobs.list(KeyScheme.UPLOADS_PREFIX, null, 10).stream().map(o -> o.key()).toList());
        ScanPosition position = files.orphanScanPosition();
        assertEquals(otherRunsPosition, position.afterKey(), "not set back by the run that lost");
        assertEquals(1, position.revision());
    }
}
