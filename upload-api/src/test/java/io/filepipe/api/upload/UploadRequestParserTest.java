package io.filepipe.api.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.Sha256;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
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

    /** {@code data} in base64, wrapped every {@code width} characters with {@code lineBreak} as written in JSON. */
    private static String wrapped(byte[] data, int width, String lineBreak) {
        String base64 = Base64.getEncoder().encodeToString(data);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < base64.length(); i += width) {
            text.append(base64, i, Math.min(base64.length(), i + width)).append(lineBreak);
        }
        return text.toString();
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @Test
    void base64WrappedAt76WithEscapedLineBreaksAsGnuBase64WritesItIsDecoded() {
        byte[] data = bytes(400);

        UploadRequest request = parse("{\"file_name\":\"a\",\"file_data\":\"" + wrapped(data, 76, "\\n") + "\"}");

        assertArrayEquals(data, request.data());
    }

    @Test
    void base64WrappedWithCrLfAsMimeWritesItIsDecoded() {
        byte[] data = bytes(400);

        UploadRequest request = parse("{\"file_name\":\"a\",\"file_data\":\"" + wrapped(data, 76, "\\r\\n") + "\"}");

        assertArrayEquals(data, request.data());
    }

    @Test
    void base64WrappedAt64AsOpenSslWritesItIsDecoded() {
        byte[] data = bytes(400);

        UploadRequest request = parse("{\"file_name\":\"a\",\"file_data\":\"" + wrapped(data, 64, "\\n") + "\"}");

        assertArrayEquals(data, request.data());
    }

    @Test
    void wrappedBase64IsHeldToTheFileLimitCountedWithoutItsLineBreaks() {
        assertEquals(600, parse("{\"file_name\":\"a\",\"file_data\":\"" + wrapped(bytes(600), 76, "\\n") + "\"}").data().length);

        PayloadTooLarge e = assertThrows(PayloadTooLarge.class,
                () -> parse("{\"file_name\":\"a\",\"file_data\":\"" + wrapped(bytes(601), 76, "\\n") + "\"}"));
        assertEquals("file is larger than 600 bytes", e.getMessage());
    }

    @Test
    void whitespaceOtherThanLineBreaksInBase64IsRefusedSayingSo() {
        for (String text : new String[] {"aGVs bG8=", "aGVs\\tbG8=", "aGVs\\rbG8="}) {
            InvalidUpload e = assertThrows(InvalidUpload.class, () -> parse("{\"file_name\":\"a\",\"file_data\":\"" + text + "\"}"));

            assertEquals(InvalidUpload.Kind.INVALID_BASE64, e.kind(), text);
            assertEquals("file_data must not contain spaces, tabs or other whitespace; line breaks (\\n or \\r\\n) are the only "
                    + "separators allowed", e.getMessage(), text);
        }
    }

    @Test
    void rawLineBreaksInFileDataAreExplainedWithTheCommandThatAvoidsThem() {
        String gnuBase64 = wrapped(bytes(100), 76, "\n"); // what "$(base64 file)" puts inside a JSON string

        InvalidUpload e = assertThrows(InvalidUpload.class, () -> parse("{\"file_name\":\"a\",\"file_data\":\"" + gnuBase64 + "\"}"));

        assertEquals(InvalidUpload.Kind.MALFORMED_JSON, e.kind());
        assertEquals("file_data", e.field());
        assertEquals("file_data contains line breaks, which a JSON string cannot hold as they are: encode without "
                + "wrapping (base64 -w0 on Linux, base64 -b 0 on macOS) or write each line break as \\n", e.getMessage());
    }

    @Test
    void aRawControlCharacterInAnotherStringIsNamedWithWhereItIs() {
        InvalidUpload e = assertThrows(InvalidUpload.class,
                () -> parse("{\"file_name\":\"a\",\"comment\":\"tab\there\",\"file_data\":\"YQ==\"}"));

        assertEquals(InvalidUpload.Kind.MALFORMED_JSON, e.kind());
        assertEquals("comment", e.field());
        assertEquals("body is not valid JSON: comment holds a raw control character (U+0009) at line 1, column 32; "
                + "a JSON string must write it escaped (\\t)", e.getMessage());
    }

    @Test
    void dataLongerThanOneDecodingBlockIsDecodedAndHashedWhateverItsLineBreaks() {
        UploadRequestParser large = new UploadRequestParser(new UploadLimits(1_000_000, 500_000, 10));
        byte[] data = bytes(100_003);
        String body = "{\"file_name\":\"a\",\"file_data\":\"" + wrapped(data, 76, "\\r\\n") + "\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);

        UploadRequest request = large.parse(new ByteArrayInputStream(bodyBytes), bodyBytes.length);

        assertArrayEquals(data, request.data());
        assertArrayEquals(Sha256.of(data), request.sha256());
    }

    @Test
    void paddingFollowedByMoreDataIsRefusedWhereADecodingBlockEnds() {
        UploadRequestParser large = new UploadRequestParser(new UploadLimits(1_000_000, 500_000, 10));
        String padded = Base64.getEncoder().encodeToString(bytes(6_143)); // 8192 characters, the last one '='
        String body = "{\"file_name\":\"a\",\"file_data\":\"" + padded + "QUFB\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);

        InvalidUpload e = assertThrows(InvalidUpload.class,
                () -> large.parse(new ByteArrayInputStream(bodyBytes), bodyBytes.length));

        assertEquals(InvalidUpload.Kind.INVALID_BASE64, e.kind());
        assertEquals("file_data must be standard base64 (A-Z a-z 0-9 + /, '=' padding; line breaks allowed)", e.getMessage());
    }
}
