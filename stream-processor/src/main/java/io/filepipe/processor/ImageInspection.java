package io.filepipe.processor;

import java.awt.image.BufferedImage;

/** What an image's header and pixels allow. */
sealed interface ImageInspection {

    /**
     * A sound image. {@code dimensions} are as displayed (EXIF orientation applied); {@code pixels}
     * is an upright copy reduced to what thumbnails need, or null when the JDK cannot decode the
     * format (WebP).
     */
    record Readable(Dimensions dimensions, BufferedImage pixels) implements ImageInspection {
    }

    /** The header announces more than {@code maxPixels} pixels; nothing was decoded. */
    record TooLarge(Dimensions dimensions, long maxPixels) implements ImageInspection {
    }

    /**
     * Decoding would cost more than allowed ({@code detail} says why); {@code dimensions} are the
     * header's, null when it was not read.
     */
    record TooComplex(Dimensions dimensions, String detail) implements ImageInspection {
    }

    /** The data is truncated or not decodable; {@code detail} is the decoder's short explanation. */
    record Corrupt(String detail) implements ImageInspection {
    }
}
