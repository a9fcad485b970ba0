package io.filepipe.infra.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.testsupport.image.Dockerfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What Dockerfile.api promises beyond running (which ApiContainerIT checks): pins, user, adapter, flags. */
class ApiDockerfileTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final String CORRETTO = "public.ecr.aws/amazoncorretto/amazoncorretto:";

    private static Dockerfile api;

    @BeforeAll
    static void read() {
        api = Dockerfile.read(REPOSITORY.resolve("Dockerfile.api"));
    }

    @Test
    void everyBaseImageIsPinnedAndTheJdkIsTheProcessorsOwn() {
        for (String image : api.baseImages()) {
            assertTrue(image.matches(".+:\\d+(\\.\\d+)+(-[a-z0-9]+)*"), image + " is pinned to a version");
        }
        Set<String> corretto = api.baseImages().stream().filter(i -> i.startsWith(CORRETTO)).collect(Collectors.toSet());
        Set<String> processors = Dockerfile.read(REPOSITORY.resolve("Dockerfile.processor")).baseImages().stream()
                .filter(i -> i.startsWith(CORRETTO)).collect(Collectors.toSet());
        assertEquals(processors, corretto, "both images build and run on the same Corretto 21");
        assertTrue(corretto.stream().allMatch(i -> i.startsWith(CORRETTO + "21.")));
    }

    @Test
    void lambdaWebAdapterIsAnExtensionThatChecksHealthOnTheApiPort() {
        Dockerfile.Copy adapter = api.copiesFrom("lambda-adapter").getFirst();
        assertEquals(new Dockerfile.Copy("lambda-adapter", "/lambda-adapter", "/opt/extensions/lambda-adapter"),
                adapter);
        assertTrue(api.baseImages().stream().anyMatch(i -> i.matches("public\\.ecr\\.aws/awsguru/aws-lambda-adapter:\\d.+")));
        assertEquals("8080", api.env().get("PORT"));
        assertEquals("/health", api.env().get("AWS_LWA_READINESS_CHECK_PATH"));
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        String uid = api.user().split(":")[0];
        assertTrue(uid.matches("\\d+"), "a numeric uid needs no passwd entry: " + api.user());
        assertNotEquals("0", uid);
    }

    @Test
    void startsForSpeedFromTheArchiveItsTrainingRunWrote() {
        List<String> command = api.command();
        assertTrue(command.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive")),
                command.toString());
        String archive = command.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
        assertTrue(archive.startsWith("-XX:SharedArchiveFile=" + api.workdir() + "/"), "the archive ships in the image");
        String script = api.scriptIn(Path.of(api.workdir()));
        assertTrue(script.contains(String.join(" ", command) + " &"),
                "the training run starts exactly the ENTRYPOINT, or the archive would not match it");
    }
}
