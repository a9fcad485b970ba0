package io.filepipe.api.upload;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.Timestamps;
import io.filepipe.core.UserId;
import io.filepipe.core.blob.BlobDigest;
import io.filepipe.core.blob.BlobStore;
import io.filepipe.core.blob.InvalidParts;
import io.filepipe.core.blob.MultipartNotFound;
import io.filepipe.core.blob.PartTag;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.blob.UploadedPart;
import io.filepipe.core.logging.LogLine;
import io.filepipe.core.store.FileAlreadyExists;
import io.filepipe.core.store.FileStore;
import io.filepipe.core.store.UploadSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Large files, straight to the bucket: starts an upload session with presigned PUTs (one, or one
 * per part of a multipart upload), tells where an interrupted upload stands with fresh URLs for
 * the parts still missing, completes it (assembles the parts, checks size and SHA-256, then
 * registers the PENDING item through {@link UploadService#register}, so the pipeline downstream is
 * the one {@code POST /upload} feeds) and aborts it. The API never touches the bytes except to
 * verify a SHA-256 the backend does not keep (multipart objects, S3Proxy): then it streams the
 * object once, in constant memory.
 */
public final class LargeUploadService {

    private static final Logger LOG = LogManager.getLogger(LargeUploadService.class);

    private final BlobStore blobs;
    private final FileStore files;
    private final UploadService uploads;
    private final LargeUploadLimits limits;
    private final Clock clock;

    public LargeUploadService(BlobStore blobs, FileStore files, UploadService uploads, LargeUploadLimits limits,
                              Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.files = Objects.requireNonNull(files, "files");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens an upload session for {@code owner}; its id is the future file's id.
     *
     * @throws PayloadTooLarge when the size is over the limit
     * @throws io.filepipe.core.store.TooManyUploads when the owner has as many open uploads as allowed
     */
    public UploadTicket start(UserId owner, LargeUploadRequest request) {
        if (request.size() > limits.maxFileBytes()) {
            throw new PayloadTooLarge("size is larger than " + limits.maxFileBytes() + " bytes");
        }
        Instant now = Timestamps.truncate(clock.instant());
        UploadPlan plan = UploadPlan.of(request.size());
        FileId fileId = FileId.newId(now);
        String key = KeyScheme.objectKey(owner, fileId, request.fileName());
        String multipartId = plan.singlePart() ? null : blobs.startMultipart(key, S3BlobStore.UPLOAD_CONTENT_TYPE);
        UploadSession session = new UploadSession(fileId.value(), owner, fileId, request.fileName().value(),
                request.comment(), request.size(), request.sha256(), plan.partSize(), plan.partCount(), multipartId,
                key, now, now.plus(limits.sessionTtl()), UploadSession.Status.OPEN);
        try {
            files.createUpload(session, limits.maxOpenUploads(), now);
        } catch (RuntimeException e) {
            if (multipartId != null) {
                blobs.abortMultipart(key, multipartId);
            }
            throw e;
        }
        LOG.info(new LogLine("upload_started").with("uploadId", session.uploadId()).with("userId", owner.value())
                .with("size", request.size()).with("parts", plan.partCount()));
        return ticket(session, List.of());
    }

    /** Where the upload stands, with fresh URLs for the parts still missing. */
    public UploadTicket status(UserId owner, String uploadId) {
        UploadSession session = find(owner, uploadId);
        if (session.status() == UploadSession.Status.COMPLETED) {
            return new UploadTicket(session, List.of(), List.of());
        }
        requireLive(session);
        return ticket(session, uploaded(session));
    }

    /**
     * Completes the upload into a PENDING file; completing again answers the first receipt, marked
     * replayed.
     *
     * @throws InvalidParts   when the parts named are not the parts uploaded
     * @throws UploadMismatch when the object's size or SHA-256 is not the declared one (the object and
     *                        the session are removed)
     */
    public UploadReceipt complete(UserId owner, String uploadId, List<PartTag> parts) {
        UploadSession session = find(owner, uploadId);
        if (session.status() == UploadSession.Status.COMPLETED) {
            return replayed(session);
        }
        requireLive(session);
        if (files.find(owner, session.fileId()).isPresent()) {
            // an earlier completion wrote the item but could not mark the session: finish that one
            files.completeUpload(owner, uploadId);
            return replayed(session);
        }
        if (session.multipart()) {
            assemble(session, parts);
        } else {
            checkSinglePart(session, parts);
        }
        BlobDigest digest = blobs.digest(session.s3Key())
                .orElseThrow(() -> new InvalidParts("the object was not uploaded"));
        if (digest.size() != session.size()) {
            throw mismatch(session, "the object has " + digest.size() + " bytes, not the " + session.size() + " declared");
        }
        Content content = content(session, digest);
        if (session.sha256() != null && !session.sha256().equals(content.sha256())) {
            throw mismatch(session, "the object's SHA-256 is not the one declared");
        }
        Instant now = Timestamps.truncate(clock.instant());
        FileRecord record = FileRecord.pending(owner, session.fileId(), FileName.of(session.fileName()),
                session.comment(), session.size(), content.contentType(), content.sha256(), now);
        UploadReceipt receipt;
        try {
            receipt = uploads.register(record);
        } catch (FileAlreadyExists raced) {
            // a concurrent completion of this upload wrote the item first: the same file
            receipt = replayed(session);
        }
        files.completeUpload(owner, uploadId);
        LOG.info(new LogLine("upload_completed").with("uploadId", uploadId).with("fileId", session.fileId().value())
                .with("userId", owner.value()).with("size", session.size()));
        return receipt;
    }

    /**
     * Aborts the upload: drops its parts (or the object a single PUT left) and the session. A
     * completed upload's file stays; only its session goes.
     */
    public void abort(UserId owner, String uploadId) {
        UploadSession session = find(owner, uploadId);
        if (session.status() == UploadSession.Status.OPEN) {
            if (session.multipart()) {
                blobs.abortMultipart(session.s3Key(), session.multipartId());
            } else {
                blobs.delete(session.s3Key());
            }
        }
        files.deleteUpload(owner, uploadId);
        LOG.info(new LogLine("upload_aborted").with("uploadId", uploadId).with("userId", owner.value()));
    }

    private UploadSession find(UserId owner, String uploadId) {
        return files.findUpload(owner, uploadId)
                .orElseThrow(() -> new UploadSessionNotFound("no upload with this id"));
    }

    private void requireLive(UploadSession session) {
        if (session.expiredAt(clock.instant())) {
            throw new UploadExpired("the upload expired at " + session.expiresAt() + "; start a new one");
        }
    }

    private UploadReceipt replayed(UploadSession session) {
        return new UploadReceipt(session.fileId(), blobs.bucket(), session.s3Key(), FileStatus.PENDING, true);
    }

    private List<UploadedPart> uploaded(UploadSession session) {
        if (session.multipart()) {
            try {
                return blobs.uploadedParts(session.s3Key(), session.multipartId());
            } catch (MultipartNotFound e) {
                throw new UploadSessionNotFound("the upload was aborted");
            }
        }
        return blobs.digest(session.s3Key())
                .map(d -> List.of(new UploadedPart(1, d.etag(), d.size())))
                .orElse(List.of());
    }

    private UploadTicket ticket(UploadSession session, List<UploadedPart> uploaded) {
        Set<Integer> done = uploaded.stream()
                .filter(p -> p.partNumber() <= session.partCount() && p.size() == session.partLength(p.partNumber()))
                .map(UploadedPart::partNumber)
                .collect(Collectors.toSet());
        byte[] sha256 = session.sha256() == null ? null : HexFormat.of().parseHex(session.sha256());
        List<UploadTicket.PartToSend> missing = new ArrayList<>();
        for (int n = 1; n <= session.partCount(); n++) {
            if (done.contains(n)) {
                continue;
            }
            long length = session.partLength(n);
            missing.add(new UploadTicket.PartToSend(n, length, session.multipart()
                    ? blobs.presignPart(session.s3Key(), session.multipartId(), n, length, limits.partUrlTtl())
                    : blobs.presignPut(session.s3Key(), length, sha256, limits.partUrlTtl())));
        }
        return new UploadTicket(session, missing, uploaded);
    }

    /** Every part exactly once, each with the ETag and size the backend holds, then the backend assembles them. */
    private void assemble(UploadSession session, List<PartTag> parts) {
        Map<Integer, UploadedPart> held;
        try {
            held = blobs.uploadedParts(session.s3Key(), session.multipartId()).stream()
                    .collect(Collectors.toMap(UploadedPart::partNumber, Function.identity()));
        } catch (MultipartNotFound e) {
            if (blobs.digest(session.s3Key()).isPresent()) {
                return; // assembled by an earlier completion that stopped before the item: verify it now
            }
            throw new UploadSessionNotFound("the upload was aborted");
        }
        Set<Integer> named = new HashSet<>();
        for (PartTag part : parts) {
            int n = part.partNumber();
            if (n < 1 || n > session.partCount()) {
                throw new InvalidParts("part " + n + " does not exist: this upload has parts 1 to " + session.partCount());
            }
            if (!named.add(n)) {
                throw new InvalidParts("part " + n + " is named twice");
            }
            UploadedPart uploaded = held.get(n);
            if (uploaded == null) {
                throw new InvalidParts("part " + n + " was not uploaded");
            }
            if (!sameEtag(uploaded.etag(), part.etag())) {
                throw new InvalidParts("part " + n + ": the ETag does not match the part uploaded");
            }
            if (uploaded.size() != session.partLength(n)) {
                throw new InvalidParts("part " + n + " has " + uploaded.size() + " bytes, not " + session.partLength(n));
            }
        }
        for (int n = 1; n <= session.partCount(); n++) {
            if (!named.contains(n)) {
                throw new InvalidParts("part " + n + " is missing");
            }
        }
        try {
            blobs.completeMultipart(session.s3Key(), session.multipartId(), parts);
        } catch (InvalidParts e) {
            LOG.warn(new LogLine("multipart_refused").with("uploadId", session.uploadId()).with("reason", e.getMessage()));
            throw new InvalidParts("the storage refused the parts; upload the missing ones again (GET /uploads/"
                    + session.uploadId() + ")");
        } catch (MultipartNotFound e) {
            throw new UploadSessionNotFound("the upload was aborted");
        }
    }

    private void checkSinglePart(UploadSession session, List<PartTag> parts) {
        if (parts.size() > 1 || parts.stream().anyMatch(p -> p.partNumber() != 1)) {
            throw new InvalidParts("this upload has a single part, part 1");
        }
        Optional<BlobDigest> digest = blobs.digest(session.s3Key());
        if (digest.isEmpty()) {
            throw new InvalidParts("part 1 was not uploaded");
        }
        if (!parts.isEmpty() && !sameEtag(digest.get().etag(), parts.getFirst().etag())) {
            throw new InvalidParts("part 1: the ETag does not match the part uploaded");
        }
    }

    /** ETags compared without the quotes some clients drop. */
    private static boolean sameEtag(String held, String named) {
        return named != null && unquoted(held).equals(unquoted(named));
    }

    private static String unquoted(String etag) {
        return etag.strip().replace("\"", "");
    }

    private record Content(String sha256, String contentType) {
    }

    /**
     * The object's SHA-256 and sniffed type: the SHA-256 from the backend where it keeps the whole
     * object's (a presigned PUT bound to the declared checksum on S3), else from one streaming read.
     */
    private Content content(UploadSession session, BlobDigest digest) {
        try (InputStream in = blobs.open(session.s3Key())) {
            byte[] head = new byte[ContentSniffer.HEAD_BYTES];
            int headLength = in.readNBytes(head, 0, head.length);
            String contentType = ContentSniffer.sniff(head, headLength, session.size()).mimeType();
            if (digest.sha256() != null) {
                return new Content(digest.sha256(), contentType);
            }
            MessageDigest sha = Sha256.newDigest();
            sha.update(head, 0, headLength);
            try (DigestInputStream rest = new DigestInputStream(in, sha)) {
                rest.transferTo(OutputStream.nullOutputStream());
            }
            return new Content(HexFormat.of().formatHex(sha.digest()), contentType);
        } catch (IOException e) {
            throw new UploadNotStored("could not read the uploaded object", new UncheckedIOException(e));
        }
    }

    private UploadMismatch mismatch(UploadSession session, String detail) {
        blobs.delete(session.s3Key());
        files.deleteUpload(session.userId(), session.uploadId());
        LOG.warn(new LogLine("upload_mismatch").with("uploadId", session.uploadId())
                .with("userId", session.userId().value()).with("detail", detail));
        return new UploadMismatch(detail + "; the object was deleted, start a new upload");
    }
}
