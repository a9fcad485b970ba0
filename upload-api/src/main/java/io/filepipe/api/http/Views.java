package io.filepipe.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.filepipe.api.auth.Caller;
import io.filepipe.api.upload.UploadReceipt;
import io.filepipe.api.upload.UploadTicket;
import io.filepipe.core.FileError;
import io.filepipe.core.FileRecord;
import io.filepipe.core.Page;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.ShareLink;
import io.filepipe.core.blob.S3BlobStore;
import io.filepipe.core.store.UploadSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of responses (serialized in snake_case). */
final class Views {

    private Views() {
    }

    static String location(String fileId) {
        return "/files/" + fileId;
    }

    record UploadResponse(String message, String s3Path, String fileId, String status) {
        static UploadResponse of(UploadReceipt receipt) {
            return new UploadResponse("File uploaded successfully.", receipt.s3Path(), receipt.fileId().value(),
                    receipt.status().name());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileView(String fileId, String fileName, String comment, long size, String contentType, String sha256,
                    String status, Instant createdAt, Instant updatedAt, int attempts, ResultView result,
                    FileError error, String contentUrl) {
        static FileView of(FileRecord r) {
            return new FileView(r.fileId().value(), r.fileName(), r.comment(), r.size(), r.contentType(), r.sha256(),
                    r.status().name(), r.createdAt(), r.updatedAt(), r.attempts(),
                    r.result() == null ? null : ResultView.of(r.result()), r.error(),
                    location(r.fileId().value()) + "/content");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResultView(String contentType, Integer width, Integer height, List<String> derivedKeys, long durationMs,
                      boolean extensionMismatch, String thumbnailSkipped) {
        static ResultView of(ProcessingResult r) {
            return new ResultView(r.contentType(), r.width(), r.height(), r.derivedKeys(), r.durationMs(),
                    r.extensionMismatch(), r.thumbnailSkipped());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileList(List<FileView> items, String nextCursor) {
        static FileList of(Page<FileRecord> page) {
            return new FileList(page.items().stream().map(FileView::of).toList(), page.nextCursor());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserView(String sub, String username, String email) {
        static UserView of(Caller caller) {
            return new UserView(caller.userId().value(), caller.username(), caller.email());
        }
    }

    /** {@code /uploads/{id}}: the session and the parts to PUT; {@code uploaded_parts} and {@code status} on a GET only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UploadTicketView(String uploadId, String fileId, long partSize, int partCount, List<PartUrl> parts,
                            Map<String, String> headers, Instant expiresAt, List<UploadedPartView> uploadedParts,
                            String status) {

        static UploadTicketView started(UploadTicket ticket) {
            return of(ticket, null, null);
        }

        static UploadTicketView status(UploadTicket ticket) {
            return of(ticket, ticket.uploaded().stream()
                    .map(p -> new UploadedPartView(p.partNumber(), p.etag(), p.size())).toList(),
                    ticket.session().status().name());
        }

        private static UploadTicketView of(UploadTicket ticket, List<UploadedPartView> uploaded, String status) {
            UploadSession s = ticket.session();
            // every part's URL is signed for the same headers; a resume with nothing left to send names the usual ones
            Map<String, String> headers = ticket.missing().isEmpty()
                    ? Map.of("Content-Type", S3BlobStore.UPLOAD_CONTENT_TYPE)
                    : ticket.missing().getFirst().put().headers();
            return new UploadTicketView(s.uploadId(), s.fileId().value(), s.partSize(), s.partCount(),
                    ticket.missing().stream().map(p -> new PartUrl(p.partNumber(), p.put().url().toString(), p.size()))
                            .toList(),
                    headers, s.expiresAt(), uploaded, status);
        }
    }

    record PartUrl(int partNumber, String url, long size) {
    }

    record UploadedPartView(int partNumber, String etag, long size) {
    }

    record DownloadView(String url, long expiresInSeconds) {
    }

    record ShareCreated(String shareId, String url, Instant expiresAt) {
    }

    /** A live link as its owner sees it: by the hash of its id, which the table keeps instead of the id. */
    record ShareView(String shareRef, Instant createdAt, Instant expiresAt) {
    }

    record ShareList(List<ShareView> shares) {
        static ShareList of(List<ShareLink> links) {
            return new ShareList(links.stream()
                    .map(l -> new ShareView(l.idHash(), l.createdAt(), l.expiresAt())).toList());
        }
    }

    record Health(String status) {
    }
}
