package io.filepipe.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, as lean as a load generator needs: the
 * request is a ready-made byte array, the response is parsed just enough to find its end
 * (Content-Length or chunked) and its status. No pooling, no TLS, no redirects. Not thread-safe:
 * one connection per worker.
 */
final class HttpConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 60_000;
    private static final int MAX_LINE = 8_192;

    /** Status and, when asked for, the body of one response. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] skipBuffer = new byte[16 * 1024];
    private final StringBuilder line = new StringBuilder();
    private boolean open = true;

    HttpConnection(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.connect(address, CONNECT_TIMEOUT_MS);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    /** False once the server announced {@code Connection: close} or the exchange failed. */
    boolean isOpen() {
        return open;
    }

    /** Sends {@code request} and reads the whole response; keeps its body only if {@code keepBody}. */
    Response exchange(byte[] request, boolean keepBody) throws IOException {
        try {
            out.write(request);
            out.flush();
            return readResponse(keepBody);
        } catch (IOException | RuntimeException e) {
            open = false;
            throw e;
        }
    }

    private Response readResponse(boolean keepBody) throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> open &= !value.equalsIgnoreCase("close");
                default -> {
                    // other headers do not change where the response ends
                }
            }
        }
        ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            for (long size = chunkSize(readLine()); size > 0; size = chunkSize(readLine())) {
                copy(size, body);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers
            }
        } else if (contentLength >= 0) {
            copy(contentLength, body);
        } else {
            open = false; // the body runs to the end of the connection
            copy(Long.MAX_VALUE, body);
        }
        return new Response(status, body == null ? new byte[0] : body.toByteArray());
    }

    private static long chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
    }

    private void copy(long length, ByteArrayOutputStream sink) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed inside a response body");
            }
            if (sink != null) {
                sink.write(skipBuffer, 0, n);
            }
            left -= n;
        }
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("response line too long");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
