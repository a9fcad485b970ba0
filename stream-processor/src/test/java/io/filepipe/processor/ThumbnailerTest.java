package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.ContentType;
import io.filepipe.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailerTest {

    private final Thumbnailer thumbnailer = new Thumbnailer(List.of(128, 512));

    private static BufferedImage picture(int width, int height) {
        return TestImages.picture(width, height, BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void longSideMatchesEachSizeAndTheAspectRatioIsKept() {
        List<Thumbnail> thumbnails = thumbnailer.render(picture(1600, 1200), new Dimensions(1600, 1200), ContentType.PNG);

        assertEquals(List.of(128, 512), thumbnails.stream().map(Thumbnail::size).toList());
        BufferedImage small = TestImages.decode(thumbnails.get(0).data());
        BufferedImage large = TestImages.decode(thumbnails.get(1).data());
        assertEquals(List.of(128, 96), List.of(small.getWidth(), small.getHeight()));
        assertEquals(List.of(512, 384), List.of(large.getWidth(), large.getHeight()));
    }

    @Test
    void neverUpscales() {
        List<Thumbnail> thumbnails = thumbnailer.render(picture(100, 40), new Dimensions(100, 40), ContentType.PNG);

        for (Thumbnail thumbnail : thumbnails) {
            BufferedImage image = TestImages.decode(thumbnail.data());
            assertEquals(List.of(100, 40), List.of(image.getWidth(), image.getHeight()));
        }
    }

    @Test
    void sizeFollowsTheOriginalNotTheReducedPixels() {
        // a 4000x1000 original decoded at a quarter of its size still gets a full 512 thumbnail
        List<Thumbnail> thumbnails = thumbnailer.render(picture(1000, 250), new Dimensions(4000, 1000), ContentType.JPEG);

        BufferedImage large = TestImages.decode(thumbnails.get(1).data());
        assertEquals(List.of(512, 128), List.of(large.getWidth(), large.getHeight()));
    }

    @Test
    void jpegStaysJpegAndOtherImagesBecomePng() {
        BufferedImage pixels = picture(200, 200);
        Dimensions size = new Dimensions(200, 200);

        Thumbnail fromJpeg = thumbnailer.render(pixels, size, ContentType.JPEG).getFirst();
        Thumbnail fromGif = thumbnailer.render(pixels, size, ContentType.GIF).getFirst();

        assertEquals(ContentType.JPEG, fromJpeg.format());
        assertEquals(ContentType.JPEG, ContentSniffer.sniff(fromJpeg.data()));
        assertEquals(ContentType.PNG, fromGif.format());
        assertEquals(ContentType.PNG, ContentSniffer.sniff(fromGif.data()));
    }

    @Test
    void keysAreDeterministicPerSizeAndFormat() {
        byte[] any = new byte[0];

        assertEquals("derived/u/f/thumb-128.jpg", new Thumbnail(128, ContentType.JPEG, any).keyUnder("derived/u/f/"));
        assertEquals("derived/u/f/thumb-512.png", new Thumbnail(512, ContentType.PNG, any).keyUnder("derived/u/f/"));
    }
}
