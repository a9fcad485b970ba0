package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeySchemeTest {

    private final UserId user = new UserId("5f0c1b7e-1111-2222-3333-444455556666");
    private final FileId file = FileId.newId(Instant.parse("2026-11-24T00:00:00Z"));

    @Test
    void objectKeyNestsUserThenFileThenSanitizedName() {
        assertEquals("uploads/" + user + "/" + file + "/my_photo_.jpg",
                KeyScheme.objectKey(user, file, FileName.of("my photo!.jpg")));
    }

    @Test
    void keysRoundTrip() {
        assertEquals(user, KeyScheme.userOf(KeyScheme.partitionKey(user)));
        assertEquals(file, KeyScheme.fileOf(KeyScheme.fileSortKey(file)));
    }

    @Test
    void derivedPrefixIsAFolderOfTheFile() {
        assertEquals("derived/" + user + "/" + file + "/", KeyScheme.derivedPrefix(user, file));
    }

    @Test
    void shareKeysLiveOutsideUserPartitionsAndBesideTheFileNotUnderIt() {
        String hash = ShareId.generate().hash();

        assertEquals("SHARE#" + hash, KeyScheme.sharePartitionKey(hash));
        assertEquals("SHARE#" + file.value() + "#" + hash, KeyScheme.shareSortKey(file, hash));
        assertFalse(KeyScheme.sharePartitionKey(hash).startsWith(KeyScheme.USER_PREFIX));
        assertFalse(KeyScheme.shareSortKey(file, hash).startsWith(KeyScheme.FILE_PREFIX));
        assertTrue(KeyScheme.shareSortKey(file, hash).startsWith(KeyScheme.shareSortKey(file, "")));
    }
}
