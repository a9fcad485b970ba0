package io.filepipe.api.upload;

import com.fasterxml.jackson.core.JsonFactory;
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
import java.util.Base64;

/**
 * Reads an upload body {@code {"file_name": str, "comment": str|null, "file_data": base64 str}}
 * with a streaming parser: duplicate keys, deep nesting, trailing data and wrong types are
 * rejected, unknown fields are skipped, and the decoded size is checked from the base64 length
 * before anything is decoded.
 */
public final class UploadRequestParser {

    private static final int MAX_NESTING = 16;

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
     * Parses and validates a body. {@code declaredLength} is the Content-Length, or -1 when the
     * body is chunked; either way no more than the body limit is read.
     */
    public UploadRequest parse(InputStream body, long declaredLength) {
        if (declaredLength > limits.maxBodyBytes()) {
            throw new PayloadTooLarge("request body is larger than " + limits.maxBodyBytes() + " bytes");
        }
        String fileName = null;
        String comment = "";
        byte[] fileData = null;
        try (JsonParser parser = json.createParser(new LimitedInputStream(body, limits.maxBodyBytes()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidUpload(Kind.MALFORMED_JSON, null, "body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "file_name" -> fileName = string(parser, value, field, false);
                    case "comment" -> comment = commentOf(string(parser, value, field, true));
                    case "file_data" -> fileData = base64Text(parser, value, field);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidUpload(Kind.MALFORMED_JSON, null, "body must hold exactly one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidUpload(Kind.MALFORMED_JSON, null, malformedDetail(e));
        } catch (IOException e) {
            throw new InvalidUpload(Kind.MALFORMED_JSON, null, "request body could not be read");
        }
        if (fileName == null) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "file_name", "file_name is required");
        }
        if (fileData == null) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "file_data", "file_data is required");
        }
        FileName name;
        try {
            name = FileName.of(fileName);
        } catch (InvalidFileName e) {
            throw new InvalidUpload(Kind.INVALID_FILE_NAME, "file_name", e.getMessage());
        }
        return new UploadRequest(name, comment, decode(fileData));
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
     * The characters of {@code file_data} as ISO-8859-1 bytes, copied straight out of the parser's
     * buffers: no String, no second copy for the decoder. A character above U+00FF becomes '?', as
     * {@code String.getBytes(ISO_8859_1)} makes it, so the decoder refuses it the same way.
     */
    private static byte[] base64Text(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidUpload(Kind.INVALID_FIELD, field, field + " must be a string");
        }
        Latin1Text text = new Latin1Text(parser.getTextLength());
        parser.getText(text);
        return text.bytes();
    }

    private String commentOf(String comment) {
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

    private byte[] decode(byte[] base64) {
        int length = base64.length;
        if (length == 0) {
            throw new InvalidUpload(Kind.EMPTY_FILE, "file_data", "file_data must not be empty");
        }
        if (length % 4 != 0) {
            throw new InvalidUpload(Kind.INVALID_BASE64, "file_data",
                    "file_data must be padded standard base64 (length a multiple of 4)");
        }
        int padding = base64[length - 1] != '=' ? 0 : base64[length - 2] == '=' ? 2 : 1;
        long decodedSize = (long) length / 4 * 3 - padding;
        if (decodedSize > limits.maxFileBytes()) {
            throw new PayloadTooLarge("file is larger than " + limits.maxFileBytes() + " bytes");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidUpload(Kind.INVALID_BASE64, "file_data",
                    "file_data must be standard base64 (A-Z a-z 0-9 + /, '=' padding, no whitespace)");
        }
    }

    private static String malformedDetail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return "body has a duplicate field";
        }
        if (message != null && message.contains("nesting depth")) {
            return "body is nested too deeply";
        }
        return "body is not valid JSON";
    }
}
