package io.filepipe.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void anAsciiNameIsSentAsItIsInBothParameters() {
        assertEquals("attachment; filename=\"report 2026.pdf\"; filename*=UTF-8''report%202026.pdf",
                ContentDisposition.attachment("report 2026.pdf"));
    }

    @Test
    void accentedLettersLoseTheirAccentsInTheAsciiName() {
        assertEquals("attachment; filename=\"Resume 1.txt\"; filename*=UTF-8''R%C3%A9sum%C3%A9%201.txt",
                ContentDisposition.attachment("Résumé 1.txt"));
    }

    @Test
    void charactersWithoutAnAsciiFormBecomeUnderscores() {
        assertEquals("__.png", ContentDisposition.asciiFallback("写真.png"));
        assertEquals("party _.gif", ContentDisposition.asciiFallback("party 🎉.gif"));
    }

    @Test
    void quotesAndBackslashesAreEscapedInsideTheQuotedName() {
        assertEquals("say \\\"hi\\\" \\\\ bye.txt", ContentDisposition.asciiFallback("say \"hi\" \\ bye.txt"));
    }
}
