package io.filepipe.core.store;

import static io.filepipe.core.store.FileItems.n;
import static io.filepipe.core.store.FileItems.s;

import io.filepipe.core.FileId;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.ShareLink;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps share links to their two items and back: the item that resolves a link by the hash of its
 * id ({@code SHARE#<hash>} / {@code SHARE}) and the owner's entry ({@code USER#<sub>} /
 * {@code SHARE#<fileId>#<hash>}). Both hold the whole link and the TTL attribute at its expiry.
 */
final class ShareItems {

    static final String TYPE_SHARE = "SHARE";
    static final String ID_HASH = "idHash";
    static final String REVOKED_AT = FileTable.SHARE_REVOKED_AT;

    private ShareItems() {
    }

    static Map<String, AttributeValue> resolveKey(String idHash) {
        return Map.of(KeyScheme.PK, s(KeyScheme.sharePartitionKey(idHash)), KeyScheme.SK, s(KeyScheme.SHARE_SORT_KEY));
    }

    static Map<String, AttributeValue> entryKey(UserId owner, FileId fileId, String idHash) {
        return Map.of(KeyScheme.PK, s(KeyScheme.partitionKey(owner)), KeyScheme.SK, s(KeyScheme.shareSortKey(fileId, idHash)));
    }

    static Map<String, AttributeValue> resolveItem(ShareLink link) {
        return withAttributes(resolveKey(link.idHash()), link);
    }

    static Map<String, AttributeValue> entryItem(ShareLink link) {
        return withAttributes(entryKey(link.owner(), link.fileId(), link.idHash()), link);
    }

    private static Map<String, AttributeValue> withAttributes(Map<String, AttributeValue> key, ShareLink link) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(FileItems.TYPE, s(TYPE_SHARE));
        item.put(ID_HASH, s(link.idHash()));
        item.put(FileItems.USER_ID, s(link.owner().value()));
        item.put(FileItems.FILE_ID, s(link.fileId().value()));
        item.put(FileItems.CREATED_AT, s(Timestamps.format(link.createdAt())));
        item.put(FileTable.TTL_ATTRIBUTE, n(link.expiresAt().getEpochSecond()));
        if (link.revokedAt() != null) {
            item.put(REVOKED_AT, s(Timestamps.format(link.revokedAt())));
        }
        return item;
    }

    static ShareLink fromItem(Map<String, AttributeValue> item) {
        AttributeValue revoked = item.get(REVOKED_AT);
        return new ShareLink(item.get(ID_HASH).s(), new UserId(item.get(FileItems.USER_ID).s()),
                new FileId(item.get(FileItems.FILE_ID).s()), Timestamps.parse(item.get(FileItems.CREATED_AT).s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(FileTable.TTL_ATTRIBUTE).n())),
                revoked == null ? null : Timestamps.parse(revoked.s()));
    }
}
