package io.filepipe.processor;

import io.filepipe.core.ContentType;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges a scanned object against its item: first that it is the very file the upload recorded
 * (size, SHA-256), then whether its content is acceptable (not empty, not disguised, a sound image
 * within the limits, decoded and rendered as thumbnails within the time budget).
 */
final class FileInspector {

    private final ImageInspector images;
    private final Thumbnailer thumbnailer;
    private final ImageBudget budget;
    private final int maxImageBytes;

    public FileInspector(ImageInspector images, Thumbnailer thumbnailer, ImageBudget budget, int maxImageBytes) {
        this.images = Objects.requireNonNull(images, "images");
        this.thumbnailer = Objects.requireNonNull(thumbnailer, "thumbnailer");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.maxImageBytes = maxImageBytes;
    }

    public Verdict inspect(FileRecord record, ScannedObject object) {
        if (object.size() != record.size()) {
            return new Verdict.Fail(ReasonCode.SIZE_MISMATCH,
                    "the object has " + object.size() + " bytes but the upload recorded " + record.size());
        }
        if (!object.sha256().equalsIgnoreCase(record.sha256())) {
            return new Verdict.Fail(ReasonCode.CHECKSUM_MISMATCH,
                    "the object's SHA-256 differs from the one recorded at upload");
        }
        ContentType type = object.type();
        if (object.size() == 0) {
            return new Verdict.Reject(ReasonCode.EMPTY_FILE, "the file is empty", type, null, false);
        }
        FileName name = new FileName(record.fileName());
        NameCheck nameCheck = NameCheck.of(name, type);
        boolean mismatch = nameCheck != NameCheck.CONSISTENT;
        if (nameCheck == NameCheck.CONTRADICTED) {
            return new Verdict.Reject(ReasonCode.CONTENT_MISMATCH, "the name ends in ." + name.extension()
                    + " but the content is " + type.mimeType(), type, null, true);
        }
        if (!type.isImage()) {
            return new Verdict.Accept(type, null, mismatch, List.of());
        }
        if (object.content() == null) {
            return judgeByHeader(type, object, mismatch);
        }
        byte[] content = object.content();
        return budget.run(cancellation -> judgeImage(type, content, mismatch, cancellation))
                .orElseGet(() -> new Verdict.Reject(ReasonCode.IMAGE_TOO_COMPLEX,
                        "decoding the image and rendering its thumbnails took longer than the budget of "
                                + budget.limit().toMillis() + " ms", type, null, mismatch));
    }

    /**
     * An image file above the decode budget: never read whole into memory, never decoded. Its size
     * comes from its header; it is accepted without thumbnails, unless the header claims more pixels
     * than the limit (as any image would be refused).
     */
    private Verdict judgeByHeader(ContentType type, ScannedObject object, boolean mismatch) {
        String why = "the image file is " + object.size() + " bytes, above the decode budget of " + maxImageBytes
                + " bytes: no thumbnail";
        Optional<Dimensions> measured = images.measure(type, object.header());
        if (measured.isEmpty()) {
            return new Verdict.Accept(type, null, mismatch, List.of(),
                    why + "; its size is not in its first " + ObjectScanner.IMAGE_HEADER_BYTES + " bytes");
        }
        Dimensions dimensions = measured.get();
        if (dimensions.pixels() > images.maxPixels()) {
            return new Verdict.Reject(ReasonCode.IMAGE_TOO_LARGE, "the image is " + dimensions.width() + "x"
                    + dimensions.height() + " pixels, more than the limit of " + images.maxPixels(), type, dimensions,
                    mismatch);
        }
        return new Verdict.Accept(type, dimensions, mismatch, List.of(), why + "; its size comes from its header");
    }

    /** The part of judging an image that costs CPU: runs on the budget's worker thread. */
    private Verdict judgeImage(ContentType type, byte[] content, boolean mismatch, Cancellation cancellation) {
        return switch (images.inspect(type, content, cancellation)) {
            case ImageInspection.Readable readable -> new Verdict.Accept(type, readable.dimensions(), mismatch,
                    readable.pixels() == null ? List.of()
                            : thumbnailer.render(readable.pixels(), readable.dimensions(), type));
            case ImageInspection.TooLarge tooLarge -> new Verdict.Reject(ReasonCode.IMAGE_TOO_LARGE,
                    "the image is " + tooLarge.dimensions().width() + "x" + tooLarge.dimensions().height()
                            + " pixels, more than the limit of " + tooLarge.maxPixels(),
                    type, tooLarge.dimensions(), mismatch);
            case ImageInspection.TooComplex tooComplex -> new Verdict.Reject(ReasonCode.IMAGE_TOO_COMPLEX,
                    "the image costs too much to decode: " + tooComplex.detail(), type, tooComplex.dimensions(), mismatch);
            case ImageInspection.Corrupt corrupt -> new Verdict.Reject(ReasonCode.CORRUPT_IMAGE,
                    "the image cannot be decoded: " + corrupt.detail(), type, null, mismatch);
        };
    }
}
