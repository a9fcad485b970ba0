package io.filepipe.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A link that lets anyone holding its {@link ShareId} download one PROCESSED file until
 * {@code expiresAt} (whole seconds, as DynamoDB's TTL counts them), unless it is revoked first.
 * Known by the hash of its id only.
 *
 * @param idHash    {@link ShareId#hash()} of the link's id
 * @param revokedAt when the owner revoked it, or null
 */
public record ShareLink(String idHash, UserId owner, FileId fileId, Instant createdAt, Instant expiresAt,
                        Instant revokedAt) {

    public ShareLink {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.getNano() != 0) {
            throw new IllegalArgumentException("expiresAt is in whole seconds");
        }
    }

    /** A new, unrevoked link. */
    public static ShareLink of(ShareId id, UserId owner, FileId fileId, Instant createdAt, Instant expiresAt) {
        return new ShareLink(id.hash(), owner, fileId, createdAt, expiresAt, null);
    }

    /** Opens the file at {@code now}: neither revoked nor expired. */
    public boolean isLiveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public ShareLink revoked(Instant at) {
        return revokedAt != null ? this : new ShareLink(idHash, owner, fileId, createdAt, expiresAt, at);
    }
}
