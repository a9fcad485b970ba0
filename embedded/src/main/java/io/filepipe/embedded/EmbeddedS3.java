package io.filepipe.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server (S3Proxy) on 127.0.0.1. With a directory, objects are plain files under
 * {@code <dir>/<bucket>/<key>} and survive restarts; without one they live in memory. Requests must
 * be signed (SigV2 or SigV4) with {@link LocalCredentials}, like real S3.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final long READY_TIMEOUT_MS = 10_000;

    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static EmbeddedS3 inMemory() {
        return start(null, 0);
    }

    public static EmbeddedS3 onDisk(Path dataDir) {
        return start(dataDir, 0);
    }

    /** Starts on {@code port} (0 for an ephemeral one), on {@code dataDir} or in memory when null. */
    public static EmbeddedS3 start(Path dataDir, int port) {
        try {
            Properties properties = new Properties();
            String provider = "transient";
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().normalize().toString());
                provider = "filesystem";
            }
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create(provider, properties))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalCredentials.ACCESS_KEY, LocalCredentials.SECRET_KEY)
                    .stopTimeout(0)
                    // a page served on loopback sends the parts of a large upload here and reads their ETags
                    .corsRules(new CrossOriginResourceSharing(List.of("http://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?"),
                            List.of("GET", "PUT", "HEAD"), List.of("*"), List.of("ETag"), "false"))
                    .build();
            proxy.start();
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline || "FAILED".equals(proxy.getState())) {
                    proxy.stop();
                    throw new EmbeddedServerException("S3 server did not start (state " + proxy.getState() + ")", null);
                }
                Thread.sleep(5);
            }
            return new EmbeddedS3(proxy);
        } catch (EmbeddedServerException e) {
            throw e;
        } catch (Exception e) {
            throw new EmbeddedServerException("S3 server failed to start", e);
        }
    }

    public int port() {
        return proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new EmbeddedServerException("S3 server failed to stop", e);
        }
    }
}
