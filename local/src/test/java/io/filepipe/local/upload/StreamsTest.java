package io.filepipe.local.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streams the client sends from: base64 encoded on the fly, and a slice of a file. */
class StreamsTest {

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 49_151, 49_152, 49_153, 200_000})
    void theBase64StreamIsTheBase64OfTheBytesWithThePredictedLength(int size) throws IOException {
        byte[] data = random(size);

        byte[] encoded;
        try (InputStream in = new Base64Stream(new ByteArrayInputStream(data))) {
            encoded = in.readAllBytes();
        }

        assertArrayEquals(Base64.getEncoder().encode(data), encoded);
        assertEquals(Base64Stream.encodedLength(size), encoded.length);
    }

    @Test
    void aSliceReadsItsBytesOfTheFileAndReportsThem(@TempDir Path dir) throws IOException {
        byte[] data = random(100_000);
        Path file = Files.write(dir.resolve("f"), data);
        AtomicLong reported = new AtomicLong();

        byte[] read;
        try (InputStream slice = FileSlice.open(file, 30_000, 50_000, reported::addAndGet)) {
            read = slice.readAllBytes();
        }

        assertArrayEquals(Arrays.copyOfRange(data, 30_000, 80_000), read);
        assertEquals(50_000, reported.get());
    }

    @Test
    void aSliceOfAFileThatShrankFailsInsteadOfSendingLess(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("f"), random(1000));

        try (InputStream slice = FileSlice.open(file, 900, 200, n -> { })) {
            assertThrows(IOException.class, slice::readAllBytes);
        }
    }
}
