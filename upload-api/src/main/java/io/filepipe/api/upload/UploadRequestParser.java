package io.filepipe.api.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.filepipe.api.upload.InvalidUpload.Kind;
import io.filepipe.core.FileName;
import io.filepipe.core.InvalidFileName;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an upload body {@code {"file_name": str, "comment": str|null, "file_data": base64 str}}
 * with a streaming parser: duplicate keys, deep nesting, trailing data and wrong types are
 * rejected, unknown fields are skipped. {@code file_data} is decoded and hashed in the one pass
 * that reads it out of the parser; decoding stops at the file limit, and the size is judged from
 * the base64 length.
 *
 * <p>{@code file_data} may be wrapped as GNU {@code base64}, OpenSSL and MIME encoders write it:
 * line breaks ({@code \n} or {@code \r\n}, escaped in the JSON string) are dropped before the
 * length and size checks; any other whitespace is refused. A line break left raw inside the JSON
 * string makes the body invalid JSON, and the answer says how to encode without wrapping.
 */
public final class UploadRequestParser {

    private static final int MAX_NESTING = 16;
    /** Jackson's words for a control character inside a string: "Illegal unquoted character ((CTRL-CHAR, code 10))". */
    private static final Pattern RAW_CONTROL_CHARACTER = Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

    private final UploadLimits limits;
    private final JsonFactory json;

    public UploadRequestParser(UploadLimits limits) {
        this.limits = limits;
        this.json = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()))
                        .maxNumberLength(64)
                        .build())
                .build();
    }

    /**
     * Refuses a body whose Content-Length is over the limit. A server calls it before it opens the
     * body: opening it answers a client's {@code Expect: 100-continue} with "100 Continue", and a
     * refusal after that comes while the body is on its way, on a connection the server then resets
     * under its own answer.
     */
    public void refuseDeclaredLengthOverLimit(long declaredLength) {
        if (declaredLength > limits.maxBodyBytes()) {
            throw new PayloadTooLarge("request body is larger than " + limits.maxBodyBytes() + " bytes");
        }
    }

    /**
     * Parses and validates a body. {@code declaredLength} is the Content-Length, or -1 when the
     * body is chunked; either way no more than the body limit is read.
     */
    public UploadRequest parse(InputStream body, long declaredLength) {
        refuseDeclaredLengthOverLimit(declaredLength);
        String fileName = null;
        String comment = "";
        Base64Field fileData = null;
        String field = null; // the field being read, to name in a syntax error
        try (JsonParser parser = json.createParser(new LimitedInputStream(body, limits.maxBodyBytes()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidUpload(Kind.MALFORMED_JSON, null, "body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "file_name" -> fileName = string(parser, value, field, false);
                    case "comment" -> comment = commentOf(string(parser, value, field, true));
                    case "file_data" -> fileData = decoding(parser, value, field);
                    default -> parser.skipChildren();
                }
            }
            field = null;
            if (parser.nextToken() != null) {
                throw new InvalidUpload(Kind.MALFORMED_JSON, null, "body must hold exactly one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e, field);
        } catch (IOException e) {
            throw new InvalidUpload(Kind.MALFORMED_JSON, null, "request body could not be read");
        }
        if (fileName == null) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "file_name", "file_name is required");
        }
        if (fileData == null) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "file_data", "file_data is required");
        }
        FileName name = fileNameOf(fileName);
        Base64Field.DecodedFile file = fileData.finish(); // its problems come after the JSON's and the name's, as always
        return new UploadRequest(name, comment, file.data(), file.sha256());
    }

    /** {@code file_name} checked and normalized, as every upload route reads it. */
    static FileName fileNameOf(String fileName) {
        try {
            return FileName.of(fileName);
        } catch (InvalidFileName e) {
            throw new InvalidUpload(Kind.INVALID_FILE_NAME, "file_name", e.getMessage());
        }
    }

    private static String string(JsonParser parser, JsonToken value, String field, boolean nullable) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (nullable && value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new InvalidUpload(Kind.INVALID_FIELD, field, field + " must be a string");
    }

    /**
     * {@code file_data} decoded and hashed in one pass, straight out of the parser's buffers: no
     * String, no copy of the text (see {@link Base64Field}); judged by {@link Base64Field#finish()}.
     */
    private Base64Field decoding(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidUpload(Kind.INVALID_FIELD, field, field + " must be a string");
        }
        Base64Field decoder = new Base64Field(limits, parser.getTextLength());
        parser.getText(decoder);
        return decoder;
    }

    /** {@code comment} checked against the limits ("" when absent), as every upload route reads it. */
    String commentOf(String comment) {
        if (comment == null) {
            return "";
        }
        if (comment.codePointCount(0, comment.length()) > limits.maxCommentChars()) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "comment",
                    "comment must be at most " + limits.maxCommentChars() + " characters");
        }
        boolean unsafe = comment.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t' || type == Character.SURROGATE;
        });
        if (unsafe) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "comment", "comment must not contain control characters");
        }
        return comment;
    }

    private static InvalidUpload malformed(JsonProcessingException e, String field) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return new InvalidUpload(Kind.MALFORMED_JSON, null, "body has a duplicate field");
        }
        if (message != null && message.contains("nesting depth")) {
            return new InvalidUpload(Kind.MALFORMED_JSON, null, "body is nested too deeply");
        }
        Matcher control = RAW_CONTROL_CHARACTER.matcher(message == null ? "" : message);
        if (control.find()) {
            return rawControlCharacter(Integer.parseInt(control.group(1)), e.getLocation(), field);
        }
        return new InvalidUpload(Kind.MALFORMED_JSON, null, "body is not valid JSON");
    }

    /**
     * A control character written as it is inside a string: most often the line breaks of
     * {@code base64} output pasted between quotes, so that case says how to encode without them.
     */
    private static InvalidUpload rawControlCharacter(int code, JsonLocation at, String field) {
        if ((code == '\n' || code == '\r') && "file_data".equals(field)) {
            return new InvalidUpload(Kind.MALFORMED_JSON, field, "file_data contains line breaks, which a JSON string "
                    + "cannot hold as they are: encode without wrapping (base64 -w0 on Linux, base64 -b 0 on macOS) "
                    + "or write each line break as \\n");
        }
        String escaped = switch (code) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> String.format("\\u%04X", code);
        };
        return new InvalidUpload(Kind.MALFORMED_JSON, field, String.format(
                "body is not valid JSON: %s holds a raw control character (U+%04X) at line %d, column %d; "
                        + "a JSON string must write it escaped (%s)",
                field == null ? "a string" : field, code, at.getLineNr(), at.getColumnNr(), escaped));
    }
}
