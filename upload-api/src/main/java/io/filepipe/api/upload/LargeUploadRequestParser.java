package io.filepipe.api.upload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.api.upload.InvalidUpload.Kind;
import io.filepipe.core.blob.PartTag;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the small JSON bodies of {@code /uploads}: {@code {"file_name", "comment"?, "size", "sha256"?}}
 * to start an upload and {@code {"parts": [{"part_number", "etag"}]}} to complete one. Name and
 * comment follow the rules of {@code POST /upload} ({@link UploadRequestParser}); unknown fields
 * are skipped, duplicate ones refused.
 */
public final class LargeUploadRequestParser {

    /** Far more than the largest body: 10,000 parts of about 60 characters each. */
    private static final long MAX_BODY_BYTES = 1_048_576;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final UploadRequestParser names;

    public LargeUploadRequestParser(UploadLimits limits) {
        this.names = new UploadRequestParser(limits);
    }

    /** As {@link UploadRequestParser#refuseDeclaredLengthOverLimit}: called before the body is opened. */
    public void refuseDeclaredLengthOverLimit(long declaredLength) {
        if (declaredLength > MAX_BODY_BYTES) {
            throw new PayloadTooLarge("request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    public LargeUploadRequest start(InputStream body) {
        JsonNode json = object(body);
        JsonNode name = json.get("file_name");
        if (name == null || !name.isTextual()) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "file_name", "file_name is required and must be a string");
        }
        JsonNode comment = json.get("comment");
        if (comment != null && !comment.isNull() && !comment.isTextual()) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "comment", "comment must be a string");
        }
        JsonNode size = json.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 1) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "size", "size is required: the file's length in bytes, at least 1");
        }
        JsonNode sha256 = json.get("sha256");
        String declared = null;
        if (sha256 != null && !sha256.isNull()) {
            if (!sha256.isTextual() || !SHA256_HEX.matcher(sha256.textValue()).matches()) {
                throw new InvalidUpload(Kind.INVALID_FIELD, "sha256", "sha256 must be 64 hexadecimal digits");
            }
            declared = sha256.textValue().toLowerCase(Locale.ROOT);
        }
        return new LargeUploadRequest(UploadRequestParser.fileNameOf(name.textValue()),
                names.commentOf(comment == null || comment.isNull() ? null : comment.textValue()),
                size.longValue(), declared);
    }

    /** The parts named to complete an upload; an empty body names none. */
    public List<PartTag> parts(InputStream body) {
        JsonNode json = object(body);
        JsonNode parts = json.get("parts");
        if (parts == null || parts.isNull()) {
            return List.of();
        }
        if (!parts.isArray()) {
            throw new InvalidUpload(Kind.INVALID_FIELD, "parts", "parts must be a list");
        }
        List<PartTag> tags = new ArrayList<>();
        for (JsonNode part : parts) {
            JsonNode number = part.get("part_number");
            JsonNode etag = part.get("etag");
            if (number == null || !number.canConvertToInt() || !number.isIntegralNumber()
                    || etag == null || !etag.isTextual() || etag.textValue().isBlank()) {
                throw new InvalidUpload(Kind.INVALID_FIELD, "parts",
                        "each part must be {\"part_number\": <integer>, \"etag\": <string>}");
            }
            tags.add(new PartTag(number.intValue(), etag.textValue()));
        }
        return tags;
    }

    private static JsonNode object(InputStream body) {
        JsonNode json;
        try {
            json = JSON.readTree(new LimitedInputStream(body, MAX_BODY_BYTES));
        } catch (PayloadTooLarge e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new InvalidUpload(Kind.MALFORMED_JSON, null, "body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidUpload(Kind.MALFORMED_JSON, null, "request body could not be read");
        }
        if (json == null || json.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!json.isObject()) {
            throw new InvalidUpload(Kind.MALFORMED_JSON, null, "body must be a JSON object");
        }
        return json;
    }
}
