package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.ContentType;
import io.filepipe.core.Sha256;
import io.filepipe.testsupport.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ObjectScannerTest {

    private final ObjectScanner scanner = new ObjectScanner(1024 * 1024);

    @Test
    void keepsAnImageAndMeasuresIt() {
        byte[] png = TestImages.png(300, 200);

        ScannedObject scanned = scanner.scan(new ByteArrayInputStream(png), png.length);

        assertEquals(png.length, scanned.size());
        assertEquals(Sha256.hex(png), scanned.sha256());
        assertEquals(ContentType.PNG, scanned.type());
        assertArrayEquals(png, scanned.content());
    }

    @Test
    void streamsOtherContentWithoutKeepingIt() {
        byte[] text = "line\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);

        ScannedObject scanned = scanner.scan(new ByteArrayInputStream(text), text.length);

        assertEquals(text.length, scanned.size());
        assertEquals(Sha256.hex(text), scanned.sha256());
        assertEquals(ContentType.TEXT, scanned.type());
        assertNull(scanned.content());
    }

    @Test
    void doesNotKeepAnImageAboveTheMemoryLimit() {
        byte[] png = TestImages.png(300, 200);

        ScannedObject scanned = new ObjectScanner(png.length - 1).scan(new ByteArrayInputStream(png), png.length);

        assertEquals(Sha256.hex(png), scanned.sha256());
        assertNull(scanned.content());
    }

    @Test
    void keepsTheHeaderOfAnImageAboveTheMemoryLimitOnly() {
        byte[] png = java.util.Arrays.copyOf(TestImages.png(300, 200), ObjectScanner.IMAGE_HEADER_BYTES + 1000);

        ScannedObject scanned = new ObjectScanner(png.length - 1).scan(new ByteArrayInputStream(png), png.length);

        assertNull(scanned.content());
        assertArrayEquals(java.util.Arrays.copyOf(png, ObjectScanner.IMAGE_HEADER_BYTES), scanned.header());
        assertEquals(Sha256.hex(png), scanned.sha256());
        assertEquals(png.length, scanned.size());
    }

    @Test
    void keepsNoHeaderOfWhatIsNotAnImage() {
        byte[] text = "plain words".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, scanner.scan(new ByteArrayInputStream(text), text.length).header().length);
    }

    @Test
    void doesNotKeepAnImageLongerOrShorterThanRecorded() {
        byte[] png = TestImages.png(300, 200);

        ScannedObject longer = scanner.scan(new ByteArrayInputStream(png), png.length - 10);
        ScannedObject shorter = scanner.scan(new ByteArrayInputStream(png), png.length + 10);

        assertEquals(png.length, longer.size());
        assertNull(longer.content());
        assertEquals(png.length, shorter.size());
        assertNull(shorter.content());
    }

    @Test
    void measuresAnEmptyObject() {
        ScannedObject scanned = scanner.scan(new ByteArrayInputStream(new byte[0]), 0);

        assertEquals(0, scanned.size());
        assertEquals(Sha256.hex(new byte[0]), scanned.sha256());
    }

    @Test
    void aBrokenStreamIsAnIoFailure() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThrows(UncheckedIOException.class, () -> scanner.scan(broken, 10));
    }
}
