package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileIdTest {

    @Test
    void laterIdsSortAfterEarlierOnes() {
        FileId earlier = FileId.newId(Instant.parse("2026-01-01T00:00:00.001Z"));
        FileId later = FileId.newId(Instant.parse("2026-01-01T00:00:00.002Z"));
        assertTrue(earlier.compareTo(later) < 0);
    }

    @Test
    void encodesItsCreationTime() {
        Instant created = Instant.parse("2026-11-24T10:15:30.123Z");
        assertEquals(created, FileId.newId(created).timestamp());
    }

    @Test
    void isTwentySixCrockfordCharacters() {
        FileId id = FileId.newId(0x0123456789ABL, RandomGenerator.getDefault());
        assertEquals(26, id.value().length());
        assertTrue(id.value().matches("[0-9A-HJKMNP-TV-Z]{26}"));
        assertEquals(Optional.of(id), FileId.parse(id.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01arz3ndektsv4rrffq69g5fav",
            "01ARZ3NDEKTSV4RRFFQ69G5FAI", "81ARZ3NDEKTSV4RRFFQ69G5FAV", "../../../../etc/passwd00000"})
    void parseRejectsAnythingButACanonicalUlid(String text) {
        assertEquals(Optional.empty(), FileId.parse(text));
        assertThrows(IllegalArgumentException.class, () -> new FileId(text));
    }
}
