package io.filepipe.local;

import io.filepipe.core.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of the {@code upload} command in this JVM: its exit status and what it printed; and the checks on its file. */
record UploadRun(int status, String out, String err) {

    private static final Pattern FILE_ID = Pattern.compile("file_id (\\S+),");

    static UploadRun of(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] line = new String[args.length + 1];
        line[0] = "upload";
        System.arraycopy(args, 0, line, 1, args.length);
        int status = FilepipeLocal.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new UploadRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The file id the command printed. */
    String fileId() {
        Matcher m = FILE_ID.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no file_id in\n" + out + err);
        }
        return m.group(1);
    }

    /** A text file of at least {@code size} bytes, written a line at a time. */
    static Path textFile(Path dir, String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            for (long written = 0, n = 0; written < size; n++) {
                byte[] line = ("line " + n + " of a file that filepipe should take in whole\n")
                        .getBytes(StandardCharsets.US_ASCII);
                out.write(line);
                written += line.length;
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** The SHA-256 of the bytes {@code GET /files/{id}/content} leads to, read as a stream. */
    static String downloadedSha256(URI api, String token, String fileId) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(api.resolve("/files/" + fileId
                    + "/content")).header("Authorization", token).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new AssertionError("download answered " + response.statusCode() + ": "
                            + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                return sha256(in);
            }
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
