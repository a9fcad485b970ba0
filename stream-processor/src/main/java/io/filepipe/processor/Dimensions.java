package io.filepipe.processor;

/** An image's width and height in pixels, both positive. */
record Dimensions(int width, int height) {

    public Dimensions {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    public int longSide() {
        return Math.max(width, height);
    }
}
