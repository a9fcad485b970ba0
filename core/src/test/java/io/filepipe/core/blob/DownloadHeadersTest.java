package io.filepipe.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownloadHeadersTest {

    @ParameterizedTest
    @CsvSource({
            "image/jpeg, image/jpeg, inline",
            "image/png, image/png, inline",
            "image/gif, image/gif, inline",
            "image/webp, image/webp, inline",
            "application/pdf, application/pdf, inline",
            "text/plain, application/octet-stream, attachment",
            "text/html, application/octet-stream, attachment",
            "image/svg+xml, application/octet-stream, attachment",
            "text/javascript, application/octet-stream, attachment",
            "application/zip, application/octet-stream, attachment",
            "application/octet-stream, application/octet-stream, attachment"})
    void sharedContentIsShownOnlyWhenItIsAnImageOrAPdfAndNeverUnderATypeABrowserRuns(
            String detected, String served, String disposition) {
        DownloadHeaders headers = DownloadHeaders.forSharing(detected, "f.bin");

        assertEquals(served, headers.contentType());
        assertEquals(disposition + "; filename=\"f.bin\"; filename*=UTF-8''f.bin", headers.contentDisposition());
    }
}
