package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.core.ContentType;
import io.filepipe.core.FileName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameCheckTest {

    @ParameterizedTest(name = "{0} holding {1} is {2}")
    @CsvSource({
            "photo.jpg, JPEG, CONSISTENT",
            "photo.JPEG, JPEG, CONSISTENT",
            "archive.docx, ZIP, CONSISTENT",
            "no-extension, ZIP, CONSISTENT",
            "data.bin, PNG, CONSISTENT",
            "notes.txt, PNG, FLAGGED",
            "export.csv, ZIP, FLAGGED",
            "photo.png, JPEG, FLAGGED",
            "anim.gif, WEBP, FLAGGED",
            "photo.jpg, ZIP, CONTRADICTED",
            "photo.png, TEXT, CONTRADICTED",
            "photo.webp, OCTET_STREAM, CONTRADICTED",
            "report.pdf, TEXT, CONTRADICTED",
            "archive.zip, PNG, CONTRADICTED",
    })
    void nameIsJudgedAgainstTheBytes(String name, ContentType actual, NameCheck expected) {
        assertEquals(expected, NameCheck.of(FileName.of(name), actual));
    }
}
