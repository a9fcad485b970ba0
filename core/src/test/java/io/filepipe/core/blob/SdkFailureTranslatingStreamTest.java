package io.filepipe.core.blob;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class SdkFailureTranslatingStreamTest {

    @Test
    void aTransferTheSdkAbortsSurfacesAsAnIoException() {
        InputStream aborting = new InputStream() {
            @Override
            public int read() {
                throw SdkClientException.create("checksum of the response did not match");
            }
        };

        IOException e = assertThrows(IOException.class,
                () -> new SdkFailureTranslatingStream(aborting).readAllBytes());

        assertInstanceOf(SdkClientException.class, e.getCause());
    }
}
