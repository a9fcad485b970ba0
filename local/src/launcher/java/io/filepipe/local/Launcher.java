package io.filepipe.local;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that an older {@code java} can load it and say
 * what is wrong, instead of dying with {@code UnsupportedClassVersionError}: it checks the
 * runtime's version and only then calls {@code FilepipeLocal.main}, which needs Java 21.
 */
public final class Launcher {

    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int found = feature(System.getProperty("java.specification.version"));
        if (found < REQUIRED) {
            System.err.println("filepipe needs Java " + REQUIRED + " or newer; found "
                    + System.getProperty("java.specification.version") + " at " + System.getProperty("java.home"));
            System.exit(1);
        }
        try {
            Class.forName("io.filepipe.local.FilepipeLocal").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String specificationVersion) {
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }
}
