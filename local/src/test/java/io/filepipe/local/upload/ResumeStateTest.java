package io.filepipe.local.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeStateTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-30T12:00:00Z")));
        return file;
    }

    @Test
    void aSavedUploadIsLoadedBackForTheSameFile() throws Exception {
        Path file = file("video.mp4", "frames");
        ResumeState state = new ResumeState("http://127.0.0.1:8080", "u-1", "01J000", "ab".repeat(32));

        state.save(ResumeState.location(dir.resolve("state"), file));

        assertEquals(Optional.of(state), ResumeState.load(ResumeState.location(dir.resolve("state"), file)));
    }

    @Test
    void theStateLivesUnderUploadsInTheStateDirectory() throws Exception {
        Path location = ResumeState.location(dir.resolve("state"), file("a", "x"));

        assertEquals(dir.resolve("state").resolve("uploads"), location.getParent());
    }

    @Test
    void aFileChangedSinceIsAnotherUpload() throws Exception {
        Path file = file("a", "first");
        Path before = ResumeState.location(dir, file);

        Files.writeString(file, "second, longer");

        assertNotEquals(before, ResumeState.location(dir, file));
    }

    @Test
    void anotherFileOfTheSameSizeAndTimeIsAnotherUpload() throws Exception {
        assertNotEquals(ResumeState.location(dir, file("a", "x")), ResumeState.location(dir, file("b", "x")));
    }

    @Test
    void aForgottenOrUnreadableStateIsNone() throws Exception {
        Path location = ResumeState.location(dir, file("a", "x"));
        new ResumeState("api", "u", "f", "s").save(location);

        ResumeState.forget(location);
        assertEquals(Optional.empty(), ResumeState.load(location));

        Files.writeString(location, "{not json");
        assertFalse(ResumeState.load(location).isPresent());
    }
}
