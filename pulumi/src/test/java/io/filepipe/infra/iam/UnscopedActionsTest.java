package io.filepipe.infra.iam;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnscopedActionsTest {

    @Test
    void deployGuideExplainsEveryActionAllowedOnAnyResource() throws IOException {
        String guide = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/deploy.md"));
        String section = guide.substring(guide.indexOf("### Actions allowed on `\"Resource\": \"*\"`"));

        for (String action : UnscopedActions.REASONS.keySet()) {
            assertTrue(section.contains("`" + action + "`"), action + " is explained in docs/deploy.md");
        }
    }
}
