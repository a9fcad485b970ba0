package io.filepipe.testsupport.memory;

import io.filepipe.core.FileError;
import io.filepipe.core.FileId;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.Page;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.ShareLink;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.store.ClaimOutcome;
import io.filepipe.core.store.CreateOutcome;
import io.filepipe.core.store.FileAlreadyExists;
import io.filepipe.core.store.FileNotShareable;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.IdempotencyKey;
import io.filepipe.core.store.IdempotencyRecord;
import io.filepipe.core.store.InvalidCursor;
import io.filepipe.core.store.ScanPosition;
import io.filepipe.core.store.StaleTransition;
import io.filepipe.core.store.StatusTransition;
import io.filepipe.core.store.TooManyUploads;
import io.filepipe.core.store.UnfinishedFile;
import io.filepipe.core.store.UploadSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link FileStore} in memory, with the DynamoDB adapter's semantics: conditional creates and
 * transitions, claims with leases and counted attempts, newest-first pages with opaque cursors,
 * idempotency records that expire after {@link FileStore#IDEMPOTENCY_TTL}, share links, the sweep of
 * unfinished files (here always up to date), upload sessions with the per-user limit and the
 * reconciler's orphan scan position. Instants
 * are kept at the millisecond precision the table stores. Thread-safe.
 *
 * <p>For tests: {@link #beforeNext} and {@link #failNext} let a test act before, or fail, the next
 * call of an operation.
 */
public final class InMemoryFileStore implements FileStore {

    /** The operations a test can intercept; both {@code create} methods are {@link #CREATE}. */
    public enum Operation { CREATE, FIND_IDEMPOTENCY, FIND, LIST, TRANSITION, CLAIM, UNFINISHED, DELETE, ORPHAN_SCAN, UPLOAD_SESSION, SHARES }

    private record Idempotency(IdempotencyRecord record, long expiresAtEpochSecond) {

        boolean liveAt(Instant now) {
            return expiresAtEpochSecond >= now.getEpochSecond();
        }
    }

    private final Map<UserId, NavigableMap<FileId, FileRecord>> files = new HashMap<>();
    private final Map<UserId, Map<String, Idempotency>> idempotency = new HashMap<>();
    private final Map<UserId, Map<String, UploadSession>> uploads = new HashMap<>();
    /** Share links by the hash of their id, in creation order (TTL never runs here: expired links stay, as until DynamoDB sweeps them). */
    private final Map<String, ShareLink> shares = new LinkedHashMap<>();
    private ScanPosition orphanScan = ScanPosition.START;
    private final Interceptions<Operation> interceptions = new Interceptions<>(Operation.class);

    /** Runs {@code action} just before the next call of {@code operation} (one call per action queued). */
    public InMemoryFileStore beforeNext(Operation operation, Runnable action) {
        interceptions.add(operation, Objects.requireNonNull(action, "action"));
        return this;
    }

    /** The next call of {@code operation} throws what {@code fault} supplies and changes nothing. */
    public InMemoryFileStore failNext(Operation operation, Supplier<? extends RuntimeException> fault) {
        return beforeNext(operation, () -> {
            throw fault.get();
        });
    }

    @Override
    public void create(FileRecord record) {
        interceptions.before(Operation.CREATE);
        synchronized (this) {
            insert(stored(record));
        }
    }

    @Override
    public CreateOutcome create(FileRecord record, IdempotencyKey key, Instant now) {
        interceptions.before(Operation.CREATE);
        synchronized (this) {
            Optional<IdempotencyRecord> first = liveIdempotency(record.userId(), key.keyHash(), now);
            if (first.isPresent()) {
                return new CreateOutcome.Replayed(first.get());
            }
            FileRecord stored = stored(record);
            insert(stored);
            IdempotencyRecord idem = new IdempotencyRecord(key.keyHash(), key.requestFingerprint(), record.fileId(),
                    record.s3Key(), Timestamps.truncate(now));
            idempotency.computeIfAbsent(record.userId(), u -> new HashMap<>()).put(key.keyHash(),
                    new Idempotency(idem, now.plus(IDEMPOTENCY_TTL).getEpochSecond()));
            return new CreateOutcome.Created(stored);
        }
    }

    private void insert(FileRecord record) {
        NavigableMap<FileId, FileRecord> own = files.computeIfAbsent(record.userId(), u -> new TreeMap<>());
        if (own.containsKey(record.fileId())) {
            throw new FileAlreadyExists("file " + record.fileId() + " already exists");
        }
        own.put(record.fileId(), record);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(UserId userId, String keyHash, Instant now) {
        interceptions.before(Operation.FIND_IDEMPOTENCY);
        synchronized (this) {
            return liveIdempotency(userId, keyHash, now);
        }
    }

    private Optional<IdempotencyRecord> liveIdempotency(UserId userId, String keyHash, Instant now) {
        Idempotency found = idempotency.getOrDefault(userId, Map.of()).get(keyHash);
        return found != null && found.liveAt(now) ? Optional.of(found.record()) : Optional.empty();
    }

    @Override
    public Optional<FileRecord> find(UserId userId, FileId fileId) {
        interceptions.before(Operation.FIND);
        synchronized (this) {
            return current(userId, fileId);
        }
    }

    private Optional<FileRecord> current(UserId userId, FileId fileId) {
        NavigableMap<FileId, FileRecord> own = files.get(userId);
        return own == null ? Optional.empty() : Optional.ofNullable(own.get(fileId));
    }

    /** The cursor is the id of the page's last file: opaque to callers, checked when it comes back. */
    @Override
    public Page<FileRecord> list(UserId userId, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        interceptions.before(Operation.LIST);
        FileId after = cursor == null ? null : FileId.parse(cursor).orElseThrow(InvalidCursor::new);
        synchronized (this) {
            NavigableMap<FileId, FileRecord> newestFirst = files.getOrDefault(userId, new TreeMap<>()).descendingMap();
            List<FileRecord> items = new ArrayList<>(
                    (after == null ? newestFirst : newestFirst.tailMap(after, false)).values().stream()
                            .limit(limit + 1L).toList());
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            List<FileRecord> page = items.subList(0, limit);
            return new Page<>(page, page.getLast().fileId().value());
        }
    }

    @Override
    public FileRecord transition(StatusTransition t) {
        interceptions.before(Operation.TRANSITION);
        synchronized (this) {
            FileRecord current = current(t.userId(), t.fileId()).orElse(null);
            if (current == null || current.status() != t.from()
                    || (t.attempt() != null && current.attempts() != t.attempt())) {
                throw new StaleTransition("expected " + t.from() + " but found "
                        + (current == null ? "no item" : current.status()), current);
            }
            ProcessingResult result = t.result() != null ? t.result() : current.result();
            FileError error = t.error() != null ? t.error() : current.error();
            return replace(with(current, t.to(), t.at(), current.attempts(), result, error));
        }
    }

    @Override
    public ClaimOutcome claim(UserId userId, FileId fileId, Instant now, Instant leaseExpiredBefore) {
        interceptions.before(Operation.CLAIM);
        synchronized (this) {
            Optional<FileRecord> found = current(userId, fileId);
            if (found.isEmpty()) {
                return new ClaimOutcome.Missing();
            }
            FileRecord current = found.get();
            boolean leaseExpired = current.updatedAt().isBefore(Timestamps.truncate(leaseExpiredBefore));
            if (current.status() != FileStatus.PENDING
                    && !(current.status() == FileStatus.PROCESSING && leaseExpired)) {
                return new ClaimOutcome.NotClaimable(current);
            }
            return new ClaimOutcome.Claimed(replace(with(current, FileStatus.PROCESSING, now, current.attempts() + 1,
                    current.result(), current.error())));
        }
    }

    @Override
    public List<UnfinishedFile> unfinished(FileStatus status, Instant updatedBefore, int max) {
        if (status.isTerminal()) {
            throw new IllegalArgumentException(status + " files are finished");
        }
        interceptions.before(Operation.UNFINISHED);
        Instant before = Timestamps.truncate(updatedBefore);
        synchronized (this) {
            return files.values().stream()
                    .flatMap(own -> own.values().stream())
                    .filter(r -> r.status() == status && r.updatedAt().isBefore(before))
                    .sorted(Comparator.comparing(FileRecord::updatedAt)
                            .thenComparing(r -> r.userId().value()).thenComparing(FileRecord::fileId))
                    .limit(max)
                    .map(r -> new UnfinishedFile(r.userId(), r.fileId(), r.status(), r.updatedAt()))
                    .toList();
        }
    }

    @Override
    public Optional<FileRecord> delete(UserId userId, FileId fileId) {
        interceptions.before(Operation.DELETE);
        synchronized (this) {
            NavigableMap<FileId, FileRecord> own = files.get(userId);
            return own == null ? Optional.empty() : Optional.ofNullable(own.remove(fileId));
        }
    }

    @Override
    public void createShare(ShareLink link) {
        interceptions.before(Operation.SHARES);
        synchronized (this) {
            if (current(link.owner(), link.fileId()).map(f -> f.status() != FileStatus.PROCESSED).orElse(true)) {
                throw new FileNotShareable("file " + link.fileId() + " is missing or not PROCESSED");
            }
            shares.put(link.idHash(), link);
        }
    }

    @Override
    public Optional<ShareLink> findShare(String idHash) {
        interceptions.before(Operation.SHARES);
        synchronized (this) {
            return Optional.ofNullable(shares.get(idHash));
        }
    }

    @Override
    public List<ShareLink> shares(UserId owner) {
        interceptions.before(Operation.SHARES);
        synchronized (this) {
            return shares.values().stream().filter(l -> l.owner().equals(owner)).toList();
        }
    }

    @Override
    public List<ShareLink> shares(UserId owner, FileId fileId) {
        interceptions.before(Operation.SHARES);
        synchronized (this) {
            return sharesOf(owner, fileId);
        }
    }

    private List<ShareLink> sharesOf(UserId owner, FileId fileId) {
        return shares.values().stream().filter(l -> l.owner().equals(owner) && l.fileId().equals(fileId)).toList();
    }

    @Override
    public boolean revokeShare(UserId owner, FileId fileId, String idHash, Instant at) {
        interceptions.before(Operation.SHARES);
        synchronized (this) {
            ShareLink link = shares.get(idHash);
            if (link == null || !link.owner().equals(owner) || !link.fileId().equals(fileId)) {
                return false;
            }
            shares.put(idHash, link.revoked(Timestamps.truncate(at)));
            return true;
        }
    }

    @Override
    public int deleteShares(UserId owner, FileId fileId) {
        interceptions.before(Operation.SHARES);
        synchronized (this) {
            List<ShareLink> links = sharesOf(owner, fileId);
            links.forEach(l -> shares.remove(l.idHash()));
            return links.size();
        }
    }

    @Override
    public ScanPosition orphanScanPosition() {
        interceptions.before(Operation.ORPHAN_SCAN);
        synchronized (this) {
            return orphanScan;
        }
    }

    @Override
    public boolean moveOrphanScan(ScanPosition from, String afterKey) {
        interceptions.before(Operation.ORPHAN_SCAN);
        synchronized (this) {
            if (orphanScan.revision() != from.revision()) {
                return false;
            }
            orphanScan = new ScanPosition(afterKey, from.revision() + 1);
            return true;
        }
    }

    @Override
    public void createUpload(UploadSession session, int maxOpen, Instant now) {
        interceptions.before(Operation.UPLOAD_SESSION);
        synchronized (this) {
            Map<String, UploadSession> own = uploads.computeIfAbsent(session.userId(), u -> new HashMap<>());
            long open = own.values().stream()
                    .filter(u -> u.status() == UploadSession.Status.OPEN && !u.expiredAt(now)).count();
            if (open >= maxOpen) {
                throw new TooManyUploads(maxOpen);
            }
            if (own.containsKey(session.uploadId())) {
                throw new IllegalStateException("upload " + session.uploadId() + " already exists");
            }
            own.put(session.uploadId(), stored(session));
        }
    }

    @Override
    public Optional<UploadSession> findUpload(UserId userId, String uploadId) {
        interceptions.before(Operation.UPLOAD_SESSION);
        synchronized (this) {
            return Optional.ofNullable(uploads.getOrDefault(userId, Map.of()).get(uploadId));
        }
    }

    @Override
    public Optional<UploadSession> completeUpload(UserId userId, String uploadId) {
        interceptions.before(Operation.UPLOAD_SESSION);
        synchronized (this) {
            Map<String, UploadSession> own = uploads.getOrDefault(userId, Map.of());
            UploadSession session = own.get(uploadId);
            if (session == null) {
                return Optional.empty();
            }
            UploadSession completed = session.withStatus(UploadSession.Status.COMPLETED);
            own.put(uploadId, completed);
            return Optional.of(completed);
        }
    }

    @Override
    public Optional<UploadSession> deleteUpload(UserId userId, String uploadId) {
        interceptions.before(Operation.UPLOAD_SESSION);
        synchronized (this) {
            Map<String, UploadSession> own = uploads.get(userId);
            return own == null ? Optional.empty() : Optional.ofNullable(own.remove(uploadId));
        }
    }

    @Override
    public List<UploadSession> expiredUploads(Instant now, int max) {
        interceptions.before(Operation.UPLOAD_SESSION);
        synchronized (this) {
            return uploads.values().stream()
                    .flatMap(own -> own.values().stream())
                    .filter(u -> u.status() == UploadSession.Status.OPEN && u.expiresAt().isBefore(now))
                    .sorted(Comparator.comparing(UploadSession::expiresAt).thenComparing(UploadSession::uploadId))
                    .limit(max)
                    .toList();
        }
    }

    /** The session as the table gives it back: instants at millisecond precision. */
    private static UploadSession stored(UploadSession u) {
        return new UploadSession(u.uploadId(), u.userId(), u.fileId(), u.fileName(), u.comment(), u.size(), u.sha256(),
                u.partSize(), u.partCount(), u.multipartId(), u.s3Key(), Timestamps.truncate(u.createdAt()),
                Timestamps.truncate(u.expiresAt()), u.status());
    }

    private FileRecord replace(FileRecord record) {
        files.get(record.userId()).put(record.fileId(), record);
        return record;
    }

    /** The record as the table would give it back: instants at millisecond precision. */
    private static FileRecord stored(FileRecord r) {
        return with(r, r.status(), r.updatedAt(), r.attempts(), r.result(), r.error());
    }

    private static FileRecord with(FileRecord r, FileStatus status, Instant updatedAt, int attempts,
                                   ProcessingResult result, FileError error) {
        return new FileRecord(r.userId(), r.fileId(), r.fileName(), r.comment(), r.s3Key(), r.size(), r.contentType(),
                r.sha256(), status, Timestamps.truncate(r.createdAt()), Timestamps.truncate(updatedAt), attempts,
                result, error);
    }
}
