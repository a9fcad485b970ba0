package io.filepipe.embedded;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * DynamoDB Local (with streams) served by our own Jetty on 127.0.0.1. With a directory the data
 * survives a restart; without one it lives in memory. One shared database for every access key and
 * region, as a single-account AWS table would be.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final ServerConnector connector;

    private EmbeddedDynamoDb(Server jetty, LocalDynamoDBServerHandler handler, ServerConnector connector) {
        this.jetty = jetty;
        this.handler = handler;
        this.connector = connector;
    }

    /** An in-memory instance on an ephemeral port. */
    public static EmbeddedDynamoDb inMemory() {
        return start(null, 0);
    }

    /** A persistent instance keeping its database under {@code dataDir} (created if missing). */
    public static EmbeddedDynamoDb onDisk(Path dataDir) {
        return start(dataDir, 0);
    }

    /**
     * Starts on {@code port} (0 for an ephemeral one), keeping data in {@code dataDir} or in memory
     * when it is null.
     */
    public static EmbeddedDynamoDb start(Path dataDir, int port) {
        try {
            String dbPath = null;
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                dbPath = dataDir.toAbsolutePath().normalize().toString();
            }
            var requests = new LocalDynamoDBRequestHandler(0, dbPath == null, dbPath, true, false);
            var handler = new LocalDynamoDBServerHandler(requests, null);
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            jetty.addConnector(connector);
            jetty.setHandler(new ContextHandler(handler));
            jetty.start();
            return new EmbeddedDynamoDb(jetty, handler, connector);
        } catch (Exception e) {
            throw new EmbeddedServerException("DynamoDB Local failed to start", e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new EmbeddedServerException("DynamoDB Local failed to stop", e);
        } finally {
            handler.close();
        }
    }
}
