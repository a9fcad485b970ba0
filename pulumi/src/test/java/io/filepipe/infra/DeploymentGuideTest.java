package io.filepipe.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the GitHub deployment and docs/deploy.md must keep doing and saying about the stack the
 * program declares (the program itself is checked by {@link FilepipeStackTest}).
 */
class DeploymentGuideTest {

    private static String read(String pathFromRepositoryRoot) throws IOException {
        return Files.readString(Path.of("..").resolve(pathFromRepositoryRoot));
    }

    @Test
    void theWorkflowCreatesOrSelectsTheStackBeforeItDeploys() throws IOException {
        String workflow = read(".github/workflows/deploy.yml");

        int select = workflow.indexOf("pulumi stack select --create \"$STACK\"");
        int up = workflow.indexOf("command: up");

        assertTrue(select > 0, "a stack's first deployment must create it");
        assertTrue(select < up, "the stack is there before `pulumi up` runs on it");
    }

    @Test
    void theGuideSaysToCommitTheStacksConfigurationAndKeepSecretsOutOfIt() throws IOException {
        String guide = read("docs/deploy.md");

        assertTrue(guide.contains("**Commit that\nfile**"), "Pulumi.<stack>.yaml is what the GitHub deployment reads");
        assertTrue(guide.contains("must never hold a secret in\nplain text"));
    }

    @Test
    void theGuideFindsTheDeadLetterQueueByTheStackOutputNotByAGeneratedName() throws IOException {
        String guide = read("docs/deploy.md");

        assertTrue(guide.contains("--queue-url \"$(pulumi stack output deadLetterQueueUrl)\""));
        assertFalse(guide.contains("get-queue-url"));
    }

    @Test
    void theGuideSignsEndUsersInWithSrpAndPasswordsOnlyThroughAdminTooling() throws IOException {
        String guide = read("docs/deploy.md");

        assertFalse(guide.contains("--auth-flow USER_PASSWORD_AUTH"), "the app client does not offer it");
        assertTrue(guide.contains("`USER_SRP_AUTH`"));
        assertTrue(guide.contains("--auth-flow ADMIN_USER_PASSWORD_AUTH"));
    }

    @Test
    void theGuideDoesNotClaimThatTheWorkflowLogsExecutionData() throws IOException {
        String guide = read("docs/deploy.md");

        assertFalse(guide.contains("The workflow logs execution data"));
        assertTrue(guide.contains("The workflow logs no execution data (`includeExecutionData` is false)"));
    }
}
