package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.testsupport.TestImages;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebpHeaderTest {

    @Test
    void readsLossySize() {
        assertEquals(Optional.of(new Dimensions(800, 600)), WebpHeader.dimensions(TestImages.webpLossy(800, 600)));
    }

    @Test
    void readsLosslessSize() {
        assertEquals(Optional.of(new Dimensions(16383, 2)), WebpHeader.dimensions(TestImages.webpLossless(16383, 2)));
    }

    @Test
    void readsExtendedCanvasSize() {
        assertEquals(Optional.of(new Dimensions(30000, 20000)),
                WebpHeader.dimensions(TestImages.webpExtended(30000, 20000)));
    }

    @Test
    void refusesAHeaderThatIsTooShort() {
        assertEquals(Optional.empty(), WebpHeader.dimensions(Arrays.copyOf(TestImages.webpLossy(8, 8), 29)));
    }

    @Test
    void refusesALossyHeaderWithoutItsStartCode() {
        byte[] header = TestImages.webpLossy(8, 8);
        header[23] = 0;
        assertEquals(Optional.empty(), WebpHeader.dimensions(header));
    }

    @Test
    void refusesAnUnknownChunk() {
        byte[] header = TestImages.webpLossy(8, 8);
        header[15] = 'Z';
        assertEquals(Optional.empty(), WebpHeader.dimensions(header));
    }

    @Test
    void refusesAZeroSizedLossyImage() {
        assertEquals(Optional.empty(), WebpHeader.dimensions(TestImages.webpLossy(0, 10)));
    }
}
