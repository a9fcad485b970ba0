package io.filepipe.api.shares;

import io.filepipe.api.files.FileNotFound;
import io.filepipe.api.files.Thumbnail;
import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Sha256;
import io.filepipe.core.ShareId;
import io.filepipe.core.ShareLink;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.DownloadHeaders;
import io.filepipe.core.store.FileNotShareable;
import io.filepipe.core.store.FileStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Share links: an owner creates, lists and revokes links to a PROCESSED file; anyone holding a
 * link's id opens it, without an account, until it expires or is revoked. The table holds only the
 * SHA-256 of each id. Opening an unknown id costs the same as a known one (one hash, one read) and
 * answers the same as one whose file was deleted, so ids cannot be probed.
 */
public final class ShareService {

    public static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
    public static final Duration MAX_LIFETIME = Duration.ofDays(7);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);

    private final FileStore files;
    private final BlobStore blobs;
    private final Clock clock;
    private final int maxLiveShares;
    private final Duration downloadUrlTtl;

    public ShareService(FileStore files, BlobStore blobs, Clock clock, int maxLiveShares, Duration downloadUrlTtl) {
        this.files = Objects.requireNonNull(files, "files");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxLiveShares < 1) {
            throw new IllegalArgumentException("maxLiveShares must be positive");
        }
        this.maxLiveShares = maxLiveShares;
        this.downloadUrlTtl = Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
    }

    /**
     * A new link to the owner's file, open for {@code lifetime} (from {@link #MIN_LIFETIME} to
     * {@link #MAX_LIFETIME}).
     *
     * @throws FileNotFound     when the owner has no such file
     * @throws FileNotShareable when the file is not PROCESSED
     * @throws TooManyShares    when the owner has the maximum of live links already
     */
    public CreatedShare create(UserId owner, String fileId, Duration lifetime) {
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime out of range: " + lifetime);
        }
        FileRecord file = ownFile(owner, fileId);
        if (file.status() != FileStatus.PROCESSED) {
            throw new FileNotShareable("file " + file.fileId() + " is " + file.status());
        }
        Instant now = clock.instant();
        long live = files.shares(owner).stream().filter(link -> link.isLiveAt(now)).count();
        if (live >= maxLiveShares) {
            throw new TooManyShares(maxLiveShares);
        }
        ShareId id = ShareId.generate();
        ShareLink link = ShareLink.of(id, owner, file.fileId(), Timestamps.truncate(now),
                now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
        files.createShare(link);
        return new CreatedShare(id, link);
    }

    /** The live links of the owner's file, oldest first. */
    public List<ShareLink> live(UserId owner, String fileId) {
        FileRecord file = ownFile(owner, fileId);
        Instant now = clock.instant();
        return files.shares(owner, file.fileId()).stream().filter(link -> link.isLiveAt(now)).toList();
    }

    /**
     * Revokes a link of the owner's file, named by its id or by the hash the listing shows.
     *
     * @throws FileNotFound  when the owner has no such file
     * @throws ShareNotFound when the file has no such link
     */
    public void revoke(UserId owner, String fileId, String share) {
        FileRecord file = ownFile(owner, fileId);
        String idHash = ShareId.parse(share).map(ShareId::hash)
                .or(() -> isHash(share) ? Optional.of(share) : Optional.empty())
                .orElseThrow(ShareNotFound::new);
        if (!files.revokeShare(owner, file.fileId(), idHash, clock.instant())) {
            throw new ShareNotFound();
        }
    }

    /**
     * A short-lived URL of what the link opens.
     *
     * @throws ShareNotFound when no link has this id, its file is gone, or the file has no such variant
     * @throws ShareExpired  when the link has expired or was revoked
     */
    public URI open(String shareId, ShareVariant variant) {
        // hashed and looked up whatever it looks like: a malformed id costs what a real one does
        ShareLink link = files.findShare(Sha256.hex(shareId.getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(ShareNotFound::new);
        if (!link.isLiveAt(clock.instant())) {
            throw new ShareExpired();
        }
        FileRecord file = files.find(link.owner(), link.fileId())
                .filter(f -> f.status() == FileStatus.PROCESSED)
                .orElseThrow(ShareNotFound::new);
        return switch (variant) {
            case ORIGINAL -> blobs.presignGet(file.s3Key(), downloadUrlTtl,
                    DownloadHeaders.forSharing(file.result().contentType(), file.fileName()));
            case THUMB -> Thumbnail.presign(blobs, file, downloadUrlTtl).orElseThrow(ShareNotFound::new);
        };
    }

    private FileRecord ownFile(UserId owner, String fileId) {
        return FileId.parse(fileId).flatMap(id -> files.find(owner, id)).orElseThrow(FileNotFound::new);
    }

    private static boolean isHash(String share) {
        return share.length() == 64 && share.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
