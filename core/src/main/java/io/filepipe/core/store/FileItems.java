package io.filepipe.core.store;

import io.filepipe.core.FileError;
import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps file records to DynamoDB items and back; the attribute names are the item's contract. */
final class FileItems {

    static final String TYPE = "type";
    static final String TYPE_FILE = "FILE";
    static final String TYPE_IDEMPOTENCY = "IDEMPOTENCY";
    static final String FILE_ID = "fileId";
    static final String USER_ID = "userId";
    static final String FILE_NAME = "fileName";
    static final String COMMENT = "comment";
    static final String S3_KEY = "s3Key";
    static final String SIZE = "size";
    static final String CONTENT_TYPE = "contentType";
    static final String SHA256 = "sha256";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String ATTEMPTS = "attempts";
    static final String RESULT = "result";
    static final String ERROR = "error";
    static final String FINGERPRINT = "fingerprint";
    static final String SCAN_AFTER_KEY = "afterKey";
    static final String SCAN_REVISION = "revision";

    private FileItems() {
    }

    static Map<String, AttributeValue> key(UserId userId, FileId fileId) {
        return Map.of(KeyScheme.PK, s(KeyScheme.partitionKey(userId)), KeyScheme.SK, s(KeyScheme.fileSortKey(fileId)));
    }

    static Map<String, AttributeValue> toItem(FileRecord r, SweepShards shards) {
        Map<String, AttributeValue> item = new HashMap<>(key(r.userId(), r.fileId()));
        item.put(TYPE, s(TYPE_FILE));
        item.put(FILE_ID, s(r.fileId().value()));
        item.put(USER_ID, s(r.userId().value()));
        item.put(FILE_NAME, s(r.fileName()));
        item.put(COMMENT, s(r.comment()));
        item.put(S3_KEY, s(r.s3Key()));
        item.put(SIZE, n(r.size()));
        item.put(CONTENT_TYPE, s(r.contentType()));
        item.put(SHA256, s(r.sha256()));
        item.put(STATUS, s(r.status().name()));
        if (!r.status().isTerminal()) {
            item.put(FileTable.SWEEP_STATUS, s(shards.key(r.status(), r.fileId())));
        }
        item.put(CREATED_AT, s(Timestamps.format(r.createdAt())));
        item.put(UPDATED_AT, s(Timestamps.format(r.updatedAt())));
        item.put(ATTEMPTS, n(r.attempts()));
        if (r.result() != null) {
            item.put(RESULT, result(r.result()));
        }
        if (r.error() != null) {
            item.put(ERROR, error(r.error()));
        }
        return item;
    }

    static FileRecord fromItem(Map<String, AttributeValue> item) {
        return new FileRecord(
                KeyScheme.userOf(item.get(KeyScheme.PK).s()),
                KeyScheme.fileOf(item.get(KeyScheme.SK).s()),
                item.get(FILE_NAME).s(),
                item.containsKey(COMMENT) ? item.get(COMMENT).s() : "",
                item.get(S3_KEY).s(),
                Long.parseLong(item.get(SIZE).n()),
                item.get(CONTENT_TYPE).s(),
                item.get(SHA256).s(),
                FileStatus.valueOf(item.get(STATUS).s()),
                Timestamps.parse(item.get(CREATED_AT).s()),
                Timestamps.parse(item.get(UPDATED_AT).s()),
                item.containsKey(ATTEMPTS) ? Integer.parseInt(item.get(ATTEMPTS).n()) : 0,
                item.containsKey(RESULT) ? result(item.get(RESULT).m()) : null,
                item.containsKey(ERROR) ? error(item.get(ERROR).m()) : null);
    }

    static AttributeValue result(ProcessingResult r) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("contentType", s(r.contentType()));
        if (r.width() != null) {
            m.put("width", n(r.width()));
        }
        if (r.height() != null) {
            m.put("height", n(r.height()));
        }
        m.put("derivedKeys", AttributeValue.fromL(r.derivedKeys().stream().map(FileItems::s).toList()));
        m.put("durationMs", n(r.durationMs()));
        m.put("extensionMismatch", AttributeValue.fromBool(r.extensionMismatch()));
        if (r.thumbnailSkipped() != null) {
            m.put("thumbnailSkipped", s(r.thumbnailSkipped()));
        }
        return AttributeValue.fromM(m);
    }

    private static ProcessingResult result(Map<String, AttributeValue> m) {
        List<String> derived = m.containsKey("derivedKeys")
                ? m.get("derivedKeys").l().stream().map(AttributeValue::s).toList()
                : List.of();
        return new ProcessingResult(
                m.get("contentType").s(),
                m.containsKey("width") ? Integer.valueOf(m.get("width").n()) : null,
                m.containsKey("height") ? Integer.valueOf(m.get("height").n()) : null,
                derived,
                m.containsKey("durationMs") ? Long.parseLong(m.get("durationMs").n()) : 0,
                m.containsKey("extensionMismatch") && m.get("extensionMismatch").bool(),
                m.containsKey("thumbnailSkipped") ? m.get("thumbnailSkipped").s() : null);
    }

    static AttributeValue error(FileError e) {
        return AttributeValue.fromM(Map.of("code", s(e.code()), "message", s(e.message())));
    }

    private static FileError error(Map<String, AttributeValue> m) {
        return new FileError(m.get("code").s(), m.containsKey("message") ? m.get("message").s() : "");
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
