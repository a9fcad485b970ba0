package io.filepipe.testsupport.adapters;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Only in the {@code localstack} profile: starts LocalStack once for the test run (Testcontainers,
 * so Docker is needed) and points {@link Backend#ENDPOINT} at it.
 */
public final class LocalStackSession implements LauncherSessionListener {

    private static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");
    private LocalStackContainer localStack;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        localStack = new LocalStackContainer(IMAGE);
        localStack.start();
        System.setProperty(Backend.ENDPOINT_PROPERTY, localStack.getEndpoint().toString());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (localStack != null) {
            localStack.stop();
        }
    }
}
