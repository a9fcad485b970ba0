package io.filepipe.api.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UploadRequestParserTest {

    private final UploadRequestParser parser = new UploadRequestParser(new UploadLimits(1_000, 600, 10));

    private UploadRequest parse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parser.parse(new ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void readsNameCommentAndDecodedData() {
        UploadRequest request = parse("{\"comment\":\"hi\",\"file_name\":\"a.txt\",\"file_data\":\"aGVsbG8=\"}");
        assertEquals("a.txt", request.fileName().value());
        assertEquals("hi", request.comment());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), request.data());
    }

    @Test
    void ignoresUnknownFieldsWhateverTheirShape() {
        UploadRequest request = parse("{\"extra\":{\"a\":[1,{\"b\":null}]},\"file_name\":\"a\",\"file_data\":\"YQ==\",\"n\":1.5}");
        assertArrayEquals(new byte[] {'a'}, request.data());
    }

    @Test
    void nullOrAbsentCommentIsEmpty() {
        assertEquals("", parse("{\"file_name\":\"a\",\"comment\":null,\"file_data\":\"YQ==\"}").comment());
        assertEquals("", parse("{\"file_name\":\"a\",\"file_data\":\"YQ==\"}").comment());
    }

    @Test
    void commentLimitCountsCharactersNotBytes() {
        assertEquals("ééééééééé😀", parse("{\"file_name\":\"a\",\"comment\":\"ééééééééé😀\",\"file_data\":\"YQ==\"}").comment());
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedWithoutReading() {
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        assertThrows(PayloadTooLarge.class, () -> parser.parse(neverRead, 1_001));
    }

    @Test
    void chunkedBodyStopsBeingReadJustPastTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return read.incrementAndGet() == 1 ? '{' : ' ';
            }
        };
        assertThrows(PayloadTooLarge.class, () -> parser.parse(endless, -1));
        assertEquals(true, read.get() < 1_000 + 8_192, "read " + read.get());
    }

    @Test
    void decodedSizeIsCheckedFromTheBase64LengthBeforeDecoding() {
        String tooBig = "A".repeat(804); // 603 decoded bytes
        PayloadTooLarge e = assertThrows(PayloadTooLarge.class,
                () -> parse("{\"file_name\":\"a\",\"file_data\":\"" + tooBig + "\"}"));
        assertEquals("file is larger than 600 bytes", e.getMessage());
    }

    @Test
    void reportsTheFieldAtFault() {
        InvalidUpload e = assertThrows(InvalidUpload.class, () -> parse("{\"file_name\":\"../x\",\"file_data\":\"YQ==\"}"));
        assertEquals(InvalidUpload.Kind.INVALID_FILE_NAME, e.kind());
        assertEquals("file_name", e.field());
    }
}
