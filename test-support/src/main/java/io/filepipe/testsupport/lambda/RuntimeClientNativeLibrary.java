package io.filepipe.testsupport.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;

/**
 * The AWS Lambda runtime interface client's native library, for starting the client without
 * Docker. On every start the client copies that library from its jar to one fixed path under /tmp;
 * clients started side by side then crash while overwriting each other's copy. Extracting it once
 * and pointing every client at the copy avoids that.
 */
public final class RuntimeClientNativeLibrary {

    private static final String JAR_PREFIX = "aws-lambda-java-runtime-interface-client";
    private static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private RuntimeClientNativeLibrary() {
    }

    /**
     * Extracts this machine's build of the library from the runtime client's jar under {@code jars}
     * (a folder, searched with its subfolders) to {@code target}, and returns {@code target}.
     */
    public static Path extract(Path jars, Path target) {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        try (var files = Files.walk(jars)) {
            Path client = files.filter(p -> p.getFileName().toString().startsWith(JAR_PREFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runtime interface client in " + jars));
            try (JarFile jar = new JarFile(client.toFile());
                 InputStream library = jar.getInputStream(jar.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so"))) {
                Files.createDirectories(target.getParent());
                Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the runtime client's native library", e);
        }
        return target;
    }

    /** The JVM option that makes a runtime client load {@code library} instead of copying its own. */
    public static String jvmOption(Path library) {
        return "-D" + PROPERTY + "=" + library;
    }
}
