package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.ContentType;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.Sha256;
import io.filepipe.core.UserId;
import io.filepipe.testsupport.TestImages;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 2 GiB object goes through the scanner and the inspector with the processor's defaults while
 * this thread allocates a few MiB in all: nothing holds the object, whatever its size, so the
 * processor's default heap (75% of its Lambda's memory) is never at stake. The object is generated
 * as it is read (a head, then zeros); no memory or disk holds it either.
 */
class TwoGibibyteObjectTest {

    private static final long SIZE = 2L * 1024 * 1024 * 1024;
    private static final long ALLOWED_ALLOCATION = 8L * 1024 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    /** {@code head}, then zeros up to {@code size} bytes; reads allocate nothing. */
    private static final class GeneratedObject extends InputStream {
        private final byte[] head;
        private final long size;
        private long position;

        GeneratedObject(byte[] head, long size) {
            this.head = head;
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            if (position < head.length) {
                n = (int) Math.min(n, head.length - position);
                System.arraycopy(head, (int) position, b, off, n);
            } else {
                Arrays.fill(b, off, off + n, (byte) 0);
            }
            position += n;
            return n;
        }
    }

    private static String sha256Of(byte[] head, long size) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(head);
        byte[] zeros = new byte[1024 * 1024];
        long left = size - head.length;
        while (left > 0) {
            int n = (int) Math.min(zeros.length, left);
            digest.update(zeros, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Scans and judges the generated object the way {@link FileProcessor} does, with the default limits. */
    private static Verdict process(String name, byte[] head, String contentType) {
        FileRecord record = FileRecord.pending(new UserId("user-1"), FileId.newId(NOW), FileName.of(name), "", SIZE,
                contentType, sha256Of(head, SIZE), NOW);
        ObjectScanner scanner = new ObjectScanner(ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES);
        FileInspector inspector = new FileInspector(new ImageInspector(ProcessorConfig.DEFAULT_MAX_IMAGE_PIXELS,
                ProcessorConfig.DEFAULT_MAX_IMAGE_SCANS, 512), new Thumbnailer(ProcessorConfig.DEFAULT_THUMBNAIL_SIZES), new ImageBudget(ProcessorConfig.DEFAULT_IMAGE_BUDGET),
                ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES);

        long before = allocatedByThisThread();
        Verdict verdict = inspector.inspect(record, scanner.scan(new GeneratedObject(head, SIZE), SIZE));
        long allocated = allocatedByThisThread() - before;

        assertTrue(allocated < ALLOWED_ALLOCATION, "processing 2 GiB allocated " + allocated + " bytes");
        return verdict;
    }

    @Test
    void aTwoGibibyteBinaryFileIsHashedAndAcceptedWithoutHoldingIt() {
        var accept = assertInstanceOf(Verdict.Accept.class, process("disk.bin", new byte[] {1, 2, 3, 4},
                ContentType.OCTET_STREAM.mimeType()));

        assertEquals(ContentType.OCTET_STREAM, accept.type());
    }

    @Test
    void aTwoGibibyteImageGetsItsSizeFromItsHeaderAndNoThumbnailWithoutHoldingIt() {
        byte[] png = TestImages.png(4000, 3000);
        byte[] head = Arrays.copyOf(png, 64);

        var accept = assertInstanceOf(Verdict.Accept.class, process("panorama.png", head, "image/png"));

        assertEquals(new Dimensions(4000, 3000), accept.dimensions());
        assertEquals(List.of(), accept.thumbnails());
        assertTrue(accept.thumbnailSkipped().contains("above the decode budget"), accept.thumbnailSkipped());
    }
}
