package io.filepipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileStatus;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Uploads an image, a PDF, a text file and a ZIP disguised as a JPEG, waits for each to reach a
 * terminal state and prints a table. Uses the stack running in the data directory if there is one,
 * else starts an in-memory stack for the duration, whose log lines go to a file, not between the
 * rows of the table. Exit status 0 only if every file got the status it should.
 */
final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private record Sample(String name, byte[] data, String expected) {
    }

    private record Outcome(Sample sample, String fileId, String status, String detail, long millis) {
        boolean asExpected() {
            return sample.expected().equals(status);
        }
    }

    private Demo() {
    }

    static int run(Path dataDir, PrintStream out) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            if (Files.exists(StackFile.path(dataDir))) {
                StackFile stack = StackFile.read(dataDir);
                URI api = stack.api();
                if (healthy(http, api)) {
                    out.println("demo: using the stack running at " + api);
                    String token = JSON.readTree(get(http, stack.token(), null).body()).get("IdToken").asText();
                    return report(run(http, api, token), out);
                }
            }
            Path scratch = Files.createTempDirectory("filepipe-demo");
            Path log = scratch.resolve("logs").resolve("stack.log");
            out.println("demo: no stack running in " + dataDir + "; starting an in-memory one (its log: " + log + ")");
            try (ConsoleDiversion diverted = ConsoleDiversion.to(log);
                 DevStack stack = DevStack.start(new StackOptions(scratch, StackOptions.DEFAULT_HOST, 0, true, 1.0))) {
                return report(run(http, stack.apiUrl(), stack.issuer().idToken("demo")), out);
            }
        }
    }

    private static List<Outcome> run(HttpClient http, URI api, String token) throws IOException, InterruptedException {
        List<Sample> samples = List.of(
                new Sample("sunset.png", png(), "PROCESSED"),
                new Sample("report.pdf", pdf(), "PROCESSED"),
                new Sample("notes.txt", "Shopping list:\n- bread\n- tea\n".getBytes(StandardCharsets.UTF_8), "PROCESSED"),
                new Sample("holiday.jpg", zip(), "REJECTED"));
        List<String> ids = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        for (Sample sample : samples) {
            String body = JSON.createObjectNode().put("file_name", sample.name()).put("comment", "demo")
                    .put("file_data", Base64.getEncoder().encodeToString(sample.data())).toString();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/upload"))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload of " + sample.name() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            ids.add(JSON.readTree(response.body()).get("file_id").asText());
            started.add(System.nanoTime());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            outcomes.add(await(http, api, token, samples.get(i), ids.get(i), started.get(i)));
        }
        return outcomes;
    }

    private static Outcome await(HttpClient http, URI api, String token, Sample sample, String fileId, long started)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode file;
        do {
            file = JSON.readTree(get(http, api.resolve("/files/" + fileId), token).body());
            String status = file.path("status").asText();
            if (FileStatus.isTerminal(status)) {
                String detail = file.has("error") ? file.get("error").path("code").asText()
                        : file.path("result").path("content_type").asText("")
                        + (file.path("result").has("width") ? " " + file.get("result").get("width").asInt() + "x"
                        + file.get("result").get("height").asInt() : "");
                return new Outcome(sample, fileId, status, detail, (System.nanoTime() - started) / 1_000_000);
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return new Outcome(sample, fileId, file.path("status").asText("?") + " (timed out)", "", DEADLINE.toMillis());
    }

    private static int report(List<Outcome> outcomes, PrintStream out) {
        out.printf("%n%-12s %-10s %-22s %-10s %-28s %s%n", "file", "expected", "status", "ms", "detail", "file_id");
        boolean allGood = true;
        for (Outcome o : outcomes) {
            out.printf("%-12s %-10s %-22s %-10d %-28s %s%n", o.sample().name(), o.sample().expected(),
                    o.status() + (o.asExpected() ? "" : " ✗"), o.millis(), o.detail(), o.fileId());
            allGood &= o.asExpected();
        }
        out.println(allGood ? "\ndemo: every file reached the status it should" : "\ndemo: FAILED — see the ✗ rows");
        return allGood ? 0 : 1;
    }

    private static boolean healthy(HttpClient http, URI api) {
        try {
            return get(http, api.resolve("/health"), null).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(255, 140, 0), 0, 400, new Color(80, 0, 120)));
        g.fillRect(0, 0, 640, 400);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] pdf() {
        return """
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
                3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("not-a-photo.txt"));
            zip.write("surprise".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
