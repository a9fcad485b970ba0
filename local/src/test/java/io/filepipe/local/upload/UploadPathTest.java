package io.filepipe.local.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.api.upload.UploadLimits;
import org.junit.jupiter.api.Test;

class UploadPathTest {

    @Test
    void filesUpToTheThresholdGoInlineAndLargerOnesPresigned() {
        assertEquals(UploadPath.INLINE, UploadPath.forSize(1));
        assertEquals(UploadPath.INLINE, UploadPath.forSize(UploadPath.THRESHOLD_BYTES));
        assertEquals(UploadPath.PRESIGNED, UploadPath.forSize(UploadPath.THRESHOLD_BYTES + 1));
        assertEquals(UploadPath.PRESIGNED, UploadPath.forSize(5L * 1024 * 1024 * 1024));
    }

    @Test
    void theInlineBodyOfAFileAtTheThresholdFitsTwoMeteringUnitsWithRoomForTheJsonFields() {
        long body = Base64Stream.encodedLength(UploadPath.THRESHOLD_BYTES) + UploadPath.JSON_ROOM;

        assertTrue(body <= 2 * UploadPath.METERING_UNIT, body + " bytes");
        assertTrue(Base64Stream.encodedLength(UploadPath.THRESHOLD_BYTES + 3) + UploadPath.JSON_ROOM
                > 2 * UploadPath.METERING_UNIT);
    }

    @Test
    void aOneMegabyteFileTakesThePresignedPath() {
        assertEquals(UploadPath.PRESIGNED, UploadPath.forSize(1_000_000));
    }

    @Test
    void everyFileSentInlineIsWithinTheLimitOfTheInlineRoute() {
        assertTrue(UploadPath.THRESHOLD_BYTES < UploadLimits.DEFAULT_MAX_FILE_BYTES);
    }
}
