package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "a\\b", "/etc/passwd", " lead.txt", "trail.txt ", "   ",
            "nul\u0000.txt", "tab\t.txt", "new\nline.txt", "del\u007f.txt", "evil\u202Etxt.exe", "zero\u200Bwidth.txt",
            "bom\uFEFF.txt", "private\uE000.txt", "line\u2028sep.txt", "%2e%2e", "%2E%2E", "..%2Fetc%2Fpasswd",
            "a%2fb", "a%5Cb", "%252e%252e", "x%00.txt"})
    void rejectsUnsafeNames(String raw) {
        assertThrows(InvalidFileName.class, () -> FileName.of(raw));
    }

    @Test
    void rejectsNamesLongerThan255Utf8Bytes() {
        assertThrows(InvalidFileName.class, () -> FileName.of("é".repeat(128)));
        assertEquals(254, FileName.of("é".repeat(127)).value().length() * 2);
    }

    @Test
    void normalizesToNfc() {
        String decomposed = "Cafe\u0301.txt";
        assertEquals("Caf\u00e9.txt", FileName.of(decomposed).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "Résumé final (2).pdf", "100%.txt", "50% off %zz.txt", "...", "日本語.txt", "a..b", ".hidden"})
    void keySegmentIsAsciiSafeAndNeverDotDot(String raw) {
        String segment = FileName.of(raw).keySegment();
        assertTrue(segment.matches("[A-Za-z0-9._-]+"), segment);
        assertTrue(!segment.startsWith("."), segment);
    }

    @Test
    void keySegmentKeepsTheExtensionWhenShortened() {
        String segment = FileName.of("x".repeat(200) + ".jpeg").keySegment();
        assertEquals(120, segment.length());
        assertTrue(segment.endsWith(".jpeg"));
    }

    @Test
    void extensionIsLowerCaseWithoutTheDot() {
        assertEquals("jpg", FileName.of("Photo.JPG").extension());
        assertEquals("", FileName.of(".bashrc").extension());
        assertEquals("", FileName.of("README").extension());
    }
}
