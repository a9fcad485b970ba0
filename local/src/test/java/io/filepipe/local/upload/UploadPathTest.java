package io.filepipe.local.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.api.upload.UploadLimits;
import org.junit.jupiter.api.Test;

class UploadPathTest {

    @Test
    void filesUpToOneMebibyteGoInlineAndLargerOnesPresigned() {
        assertEquals(UploadPath.INLINE, UploadPath.forSize(1));
        assertEquals(UploadPath.INLINE, UploadPath.forSize(1024 * 1024));
        assertEquals(UploadPath.PRESIGNED, UploadPath.forSize(1024 * 1024 + 1));
        assertEquals(UploadPath.PRESIGNED, UploadPath.forSize(5L * 1024 * 1024 * 1024));
    }

    @Test
    void everyFileSentInlineIsWithinTheLimitOfTheInlineRoute() {
        assertEquals(UploadPath.PRESIGNED, UploadPath.forSize(UploadLimits.DEFAULT_MAX_FILE_BYTES));
    }
}
