package io.filepipe.core.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An object's content as {@link BlobStore#open} promises it: a read that breaks off throws
 * {@link IOException}, also where the SDK reports it with its own unchecked exception (an aborted
 * transfer, a response checksum that does not match).
 */
final class SdkFailureTranslatingStream extends FilterInputStream {

    SdkFailureTranslatingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (SdkException e) {
            throw new IOException("reading the object failed", e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (SdkException e) {
            throw new IOException("reading the object failed", e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (SdkException e) {
            throw new IOException("reading the object failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } catch (SdkException e) {
            throw new IOException("closing the object stream failed", e);
        }
    }
}
