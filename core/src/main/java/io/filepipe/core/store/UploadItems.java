package io.filepipe.core.store;

import static io.filepipe.core.store.FileItems.n;
import static io.filepipe.core.store.FileItems.s;

import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps upload sessions to DynamoDB items and back; the attribute names are the item's contract. */
final class UploadItems {

    static final String TYPE_UPLOAD = "UPLOAD";
    static final String UPLOAD_ID = "uploadId";
    static final String PART_SIZE = "partSize";
    static final String PART_COUNT = "partCount";
    static final String MULTIPART_ID = "multipartId";
    /** The session's own expiry; the TTL attribute comes {@link FileStore#UPLOAD_RETENTION} later. */
    static final String UPLOAD_EXPIRES_AT = "uploadExpiresAt";

    private UploadItems() {
    }

    static Map<String, AttributeValue> key(UserId userId, String uploadId) {
        return Map.of(KeyScheme.PK, s(KeyScheme.partitionKey(userId)),
                KeyScheme.SK, s(KeyScheme.uploadSessionSortKey(uploadId)));
    }

    static Map<String, AttributeValue> toItem(UploadSession u) {
        Map<String, AttributeValue> item = new HashMap<>(key(u.userId(), u.uploadId()));
        item.put(FileItems.TYPE, s(TYPE_UPLOAD));
        item.put(UPLOAD_ID, s(u.uploadId()));
        item.put(FileItems.FILE_ID, s(u.fileId().value()));
        item.put(FileItems.USER_ID, s(u.userId().value()));
        item.put(FileItems.FILE_NAME, s(u.fileName()));
        item.put(FileItems.COMMENT, s(u.comment()));
        item.put(FileItems.SIZE, n(u.size()));
        if (u.sha256() != null) {
            item.put(FileItems.SHA256, s(u.sha256()));
        }
        item.put(PART_SIZE, n(u.partSize()));
        item.put(PART_COUNT, n(u.partCount()));
        if (u.multipartId() != null) {
            item.put(MULTIPART_ID, s(u.multipartId()));
        }
        item.put(FileItems.S3_KEY, s(u.s3Key()));
        item.put(FileItems.CREATED_AT, s(Timestamps.format(u.createdAt())));
        item.put(UPLOAD_EXPIRES_AT, s(Timestamps.format(u.expiresAt())));
        item.put(FileTable.TTL_ATTRIBUTE, n(u.expiresAt().plus(FileStore.UPLOAD_RETENTION).getEpochSecond()));
        item.put(FileItems.STATUS, s(u.status().name()));
        if (u.status() == UploadSession.Status.OPEN) {
            item.put(FileTable.SWEEP_STATUS, s(FileTable.SWEEP_OPEN_UPLOADS));
            item.put(FileTable.SWEEP_SORT, s(Timestamps.format(u.expiresAt())));
        }
        return item;
    }

    static UploadSession fromItem(Map<String, AttributeValue> item) {
        return new UploadSession(
                item.get(UPLOAD_ID).s(),
                KeyScheme.userOf(item.get(KeyScheme.PK).s()),
                new FileId(item.get(FileItems.FILE_ID).s()),
                item.get(FileItems.FILE_NAME).s(),
                item.containsKey(FileItems.COMMENT) ? item.get(FileItems.COMMENT).s() : "",
                Long.parseLong(item.get(FileItems.SIZE).n()),
                item.containsKey(FileItems.SHA256) ? item.get(FileItems.SHA256).s() : null,
                Long.parseLong(item.get(PART_SIZE).n()),
                Integer.parseInt(item.get(PART_COUNT).n()),
                item.containsKey(MULTIPART_ID) ? item.get(MULTIPART_ID).s() : null,
                item.get(FileItems.S3_KEY).s(),
                Timestamps.parse(item.get(FileItems.CREATED_AT).s()),
                Timestamps.parse(item.get(UPLOAD_EXPIRES_AT).s()),
                UploadSession.Status.valueOf(item.get(FileItems.STATUS).s()));
    }
}
