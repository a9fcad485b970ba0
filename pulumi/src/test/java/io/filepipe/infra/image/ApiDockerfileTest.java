package io.filepipe.infra.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(processors, corretto, "both images build and run on the same Corretto 25");
        assertTrue(corretto.stream().allMatch(i -> i.startsWith(CORRETTO + "25.")), "JDK 25: the AOT cache");
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
    void startsFromTheAotCacheItsTrainingRunWroteWithC2On() {
        List<String> command = api.command();
        assertTrue(command.contains("-XX:+UseSerialGC"), command.toString());
        assertFalse(command.contains("-XX:TieredStopAtLevel=1"), "C2 gives SHA-256 and base64 their intrinsics");
        String cache = command.stream().filter(a -> a.startsWith("-XX:AOTCache=")).findFirst().orElseThrow();
        assertTrue(cache.startsWith("-XX:AOTCache=" + api.workdir() + "/"), "the cache ships in the image");
        String script = api.scriptIn(Path.of(api.workdir())).replace("\\\n     ", "");
        List<String> options = command.subList(1, command.indexOf(cache));
        assertTrue(script.contains("java " + String.join(" ", options) + " "),
                "the training run starts with the ENTRYPOINT's options, or the cache would not match them");
        assertTrue(script.contains(cache.replace("-XX:AOTCache=", "-XX:AOTCacheOutput=") + " "
                        + String.join(" ", command.subList(command.indexOf(cache) + 1, command.size())) + " &"),
                "it writes the cache the ENTRYPOINT reads, launching the same jar");
    }
}
