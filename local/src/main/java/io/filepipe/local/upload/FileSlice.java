package io.filepipe.local.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * {@code length} bytes of a file from {@code offset}, read as they are sent; each read is reported to
 * {@code progress}. A part is never held in memory, whatever its size.
 */
public final class FileSlice extends InputStream {

    private final InputStream in;
    private final LongConsumer progress;
    private long left;

    private FileSlice(InputStream in, long length, LongConsumer progress) {
        this.in = in;
        this.left = length;
        this.progress = progress;
    }

    public static FileSlice open(Path file, long offset, long length, LongConsumer progress) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new FileSlice(Channels.newInputStream(channel), length, progress);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n == -1) {
            throw new IOException("the file ended " + left + " bytes early: was it changed during the upload?");
        }
        left -= n;
        progress.accept(n);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
