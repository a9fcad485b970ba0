package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareIdTest {

    @Test
    void generatedIdsCarry128RandomBitsInUrlSafeBase64() {
        ShareId id = ShareId.generate();

        assertEquals(22, id.value().length());
        assertEquals(16, Base64.getUrlDecoder().decode(id.value()).length);
        assertNotEquals(id, ShareId.generate());
    }

    @Test
    void theHashIsTheSha256OfTheIdAndTheIdNeverShowsInToString() {
        ShareId id = ShareId.generate();

        assertEquals(Sha256.hex(id.value().getBytes(StandardCharsets.US_ASCII)), id.hash());
        assertFalse(id.toString().contains(id.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAA+", "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA/A"})
    void malformedIdsDoNotParse(String raw) {
        assertEquals(Optional.empty(), ShareId.parse(raw));
    }

    @Test
    void aGeneratedIdParsesBack() {
        ShareId id = ShareId.generate();
        assertTrue(ShareId.parse(id.value()).isPresent());
    }
}
