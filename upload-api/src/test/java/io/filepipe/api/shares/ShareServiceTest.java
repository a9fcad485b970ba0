package io.filepipe.api.shares;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.api.files.FileNotFound;
import io.filepipe.api.files.FileService;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.ShareLink;
import io.filepipe.core.UserId;
import io.filepipe.core.store.FileNotShareable;
import io.filepipe.core.store.StatusTransition;
import io.filepipe.testsupport.ManualClock;
import io.filepipe.testsupport.memory.InMemoryBlobStore;
import io.filepipe.testsupport.memory.InMemoryFileStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Share links on the in-memory stores. */
class ShareServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration URL_TTL = Duration.ofMinutes(5);

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryFileStore files = new InMemoryFileStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore("uploads");
    private final ShareService shares = new ShareService(files, blobs, clock, 3, URL_TTL);
    private final UserId owner = new UserId("owner");

    private FileRecord file(String name, FileStatus outcome, String detectedType, List<String> derived) {
        FileRecord record = FileRecord.pending(owner, FileId.newId(T0), FileName.of(name), "", 3, "text/html",
                "ab".repeat(32), T0);
        files.create(record);
        files.claim(owner, record.fileId(), T0, T0);
        ProcessingResult result = outcome == FileStatus.PROCESSED
                ? new ProcessingResult(detectedType, null, null, derived, 1, false) : null;
        return files.transition(StatusTransition.finish(owner, record.fileId(), 1, outcome, T0, result, null));
    }

    private FileRecord processed() {
        return file("photo.jpg", FileStatus.PROCESSED, "image/jpeg",
                List.of("derived/owner/x/thumb-128.jpg", "derived/owner/x/thumb-512.jpg"));
    }

    private String query(URI memoryUrl) {
        return memoryUrl.getQuery();
    }

    @Test
    void aLinkOpensTheOriginalInlineWhenItIsAnImage() {
        FileRecord file = processed();
        CreatedShare created = shares.create(owner, file.fileId().value(), ShareService.DEFAULT_LIFETIME);

        URI url = shares.open(created.id().value(), ShareVariant.ORIGINAL);

        assertEquals("/" + file.s3Key(), url.getPath());
        assertTrue(query(url).contains("content-type=image/jpeg"), url.toString());
        assertTrue(query(url).contains("disposition=inline"), url.toString());
        assertEquals(T0.plus(ShareService.DEFAULT_LIFETIME), created.link().expiresAt());
    }

    @Test
    void anHtmlFileIsSharedAsAnOctetStreamAttachment() {
        FileRecord file = file("page.html", FileStatus.PROCESSED, "text/plain", List.of());
        CreatedShare created = shares.create(owner, file.fileId().value(), Duration.ofMinutes(1));

        URI url = shares.open(created.id().value(), ShareVariant.ORIGINAL);

        assertTrue(query(url).contains("content-type=application/octet-stream"), url.toString());
        assertTrue(query(url).contains("disposition=attachment"), url.toString());
    }

    @Test
    void theThumbVariantOpensThe512PixelThumbnailAndIsNotFoundWithoutOne() {
        FileRecord image = processed();
        FileRecord text = file("notes.txt", FileStatus.PROCESSED, "text/plain", List.of());

        URI thumb = shares.open(shares.create(owner, image.fileId().value(), Duration.ofHours(1)).id().value(),
                ShareVariant.THUMB);
        String textShare = shares.create(owner, text.fileId().value(), Duration.ofHours(1)).id().value();

        assertEquals("/derived/owner/x/thumb-512.jpg", thumb.getPath());
        assertThrows(ShareNotFound.class, () -> shares.open(textShare, ShareVariant.THUMB));
    }

    @Test
    void aLinkExpiresAtItsTime() {
        FileRecord file = processed();
        String id = shares.create(owner, file.fileId().value(), Duration.ofSeconds(60)).id().value();

        clock.advance(Duration.ofSeconds(59));
        shares.open(id, ShareVariant.ORIGINAL);
        clock.advance(Duration.ofSeconds(1));

        assertThrows(ShareExpired.class, () -> shares.open(id, ShareVariant.ORIGINAL));
        assertEquals(List.of(), shares.live(owner, file.fileId().value()));
    }

    @Test
    void aRevokedLinkIsGoneAndLeavesTheListing() {
        FileRecord file = processed();
        CreatedShare kept = shares.create(owner, file.fileId().value(), Duration.ofHours(1));
        CreatedShare revoked = shares.create(owner, file.fileId().value(), Duration.ofHours(1));

        shares.revoke(owner, file.fileId().value(), revoked.id().value());

        assertThrows(ShareExpired.class, () -> shares.open(revoked.id().value(), ShareVariant.ORIGINAL));
        assertEquals(List.of(kept.link()), shares.live(owner, file.fileId().value()));
    }

    @Test
    void aLinkCanBeRevokedByTheReferenceTheListingShows() {
        FileRecord file = processed();
        CreatedShare created = shares.create(owner, file.fileId().value(), Duration.ofHours(1));
        String ref = shares.live(owner, file.fileId().value()).getFirst().idHash();

        shares.revoke(owner, file.fileId().value(), ref);

        assertThrows(ShareExpired.class, () -> shares.open(created.id().value(), ShareVariant.ORIGINAL));
    }

    @Test
    void revokingAnUnknownLinkOrAnotherUsersIsNotFound() {
        FileRecord file = processed();
        CreatedShare created = shares.create(owner, file.fileId().value(), Duration.ofHours(1));

        assertThrows(ShareNotFound.class, () -> shares.revoke(owner, file.fileId().value(), "not-a-share"));
        assertThrows(FileNotFound.class, () -> shares.revoke(new UserId("other"), file.fileId().value(),
                created.id().value()));
        shares.open(created.id().value(), ShareVariant.ORIGINAL);
    }

    @Test
    void onlyProcessedFilesCanBeShared() {
        FileRecord rejected = file("fake.jpg", FileStatus.REJECTED, null, List.of());
        FileRecord failed = file("broken.jpg", FileStatus.FAILED, null, List.of());

        assertThrows(FileNotShareable.class, () -> shares.create(owner, rejected.fileId().value(), Duration.ofHours(1)));
        assertThrows(FileNotShareable.class, () -> shares.create(owner, failed.fileId().value(), Duration.ofHours(1)));
        assertEquals(List.of(), files.shares(owner));
    }

    @Test
    void anotherUsersFileCannotBeSharedOrListed() {
        FileRecord file = processed();
        UserId other = new UserId("other");

        assertThrows(FileNotFound.class, () -> shares.create(other, file.fileId().value(), Duration.ofHours(1)));
        assertThrows(FileNotFound.class, () -> shares.live(other, file.fileId().value()));
    }

    @Test
    void theCapCountsOnlyLiveLinks() {
        FileRecord file = processed();
        String revoked = shares.create(owner, file.fileId().value(), Duration.ofHours(1)).id().value();
        shares.create(owner, file.fileId().value(), Duration.ofMinutes(1));
        shares.create(owner, file.fileId().value(), Duration.ofHours(1));

        assertThrows(TooManyShares.class, () -> shares.create(owner, file.fileId().value(), Duration.ofHours(1)));

        shares.revoke(owner, file.fileId().value(), revoked);
        shares.create(owner, file.fileId().value(), Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(1));
        shares.create(owner, file.fileId().value(), Duration.ofHours(1));
        assertEquals(3, shares.live(owner, file.fileId().value()).size());
    }

    @Test
    void deletingTheFileMakesItsLinksUnknown() {
        FileRecord file = processed();
        CreatedShare live = shares.create(owner, file.fileId().value(), Duration.ofHours(1));
        CreatedShare revoked = shares.create(owner, file.fileId().value(), Duration.ofHours(1));
        shares.revoke(owner, file.fileId().value(), revoked.id().value());

        new FileService(files, blobs, URL_TTL).delete(owner, file.fileId().value());

        assertThrows(ShareNotFound.class, () -> shares.open(live.id().value(), ShareVariant.ORIGINAL));
        assertThrows(ShareNotFound.class, () -> shares.open(revoked.id().value(), ShareVariant.ORIGINAL));
        assertEquals(List.<ShareLink>of(), files.shares(owner));
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        assertThrows(ShareNotFound.class, () -> shares.open("AAAAAAAAAAAAAAAAAAAAAA", ShareVariant.ORIGINAL));
        assertThrows(ShareNotFound.class, () -> shares.open("../../etc/passwd", ShareVariant.ORIGINAL));
    }

    @Test
    void aLifetimeOutsideTheRangeIsRefused() {
        FileRecord file = processed();
        assertThrows(IllegalArgumentException.class,
                () -> shares.create(owner, file.fileId().value(), Duration.ofSeconds(59)));
        assertThrows(IllegalArgumentException.class,
                () -> shares.create(owner, file.fileId().value(), Duration.ofDays(7).plusSeconds(1)));
    }
}
