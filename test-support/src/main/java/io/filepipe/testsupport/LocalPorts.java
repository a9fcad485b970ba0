package io.filepipe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for child processes and for clients that must be refused. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /**
     * A loopback port nothing listens on now: for a child process to bind, or for a client to be
     * refused at once.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
