package io.filepipe.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The CPU both functions run on, and the image platform built for it. */
public enum Architecture {
    X86_64("x86_64", "linux/amd64"),
    ARM64("arm64", "linux/arm64");

    private final String lambdaName;
    private final String dockerPlatform;

    Architecture(String lambdaName, String dockerPlatform) {
        this.lambdaName = lambdaName;
        this.dockerPlatform = dockerPlatform;
    }

    /** As Lambda's {@code architectures} names it. */
    public String lambdaName() {
        return lambdaName;
    }

    /** As {@code docker build --platform} names it. */
    public String dockerPlatform() {
        return dockerPlatform;
    }

    static Architecture parse(String name) {
        return Arrays.stream(values())
                .filter(a -> a.lambdaName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("architecture must be one of "
                        + Arrays.stream(values()).map(Architecture::lambdaName).collect(Collectors.joining(", "))
                        + " but is '" + name + "'"));
    }
}
