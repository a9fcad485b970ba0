package io.filepipe.local.upload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.Sha256;
import io.filepipe.emulators.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An upload in progress, remembered so that a rerun after an interruption resumes it: kept in
 * {@code <dir>/uploads/<key>.json}, where the key is a hash of the file's absolute path, size and
 * modification time, so a file changed since is uploaded afresh. Written before the first part is
 * sent and removed once the upload is completed.
 *
 * @param api      the API the upload was opened on: another API does not know it
 * @param uploadId the API's upload id
 * @param fileId   the file id the API assigned
 * @param sha256   the file's SHA-256, so a resume does not read the file once more to compute it
 */
public record ResumeState(String api, String uploadId, String fileId, String sha256) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file that remembers an upload of {@code file} as it is now. */
    public static Path location(Path dir, Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        String identity = absolute + "\n" + Files.size(absolute) + "\n" + Files.getLastModifiedTime(absolute).toMillis();
        byte[] hash = Sha256.newDigest().digest(identity.getBytes(StandardCharsets.UTF_8));
        return dir.resolve("uploads").resolve(HexFormat.of().formatHex(hash, 0, 16) + ".json");
    }

    /** The upload remembered at {@code location}, if any; a file that cannot be read counts as none. */
    public static Optional<ResumeState> load(Path location) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(location), ResumeState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    public void save(Path location) {
        try {
            PrivateFiles.createDirectories(location.getParent());
            PrivateFiles.replace(location, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
    }

    public static void forget(Path location) {
        try {
            Files.deleteIfExists(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + location, e);
        }
    }
}
