package io.filepipe.bench;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/** Ready-made HTTP/1.1 requests to the upload API, built once and sent many times. */
final class Requests {

    private Requests() {
    }

    /** {@code size} bytes that do not compress (nor look like any sniffed type), the same for a given seed. */
    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        data[0] = 0; // binary from the first byte on: octet-stream, not text
        return data;
    }

    /** The JSON body of an upload, with {@code data} base64-encoded as the API requires. */
    static byte[] uploadBody(String fileName, byte[] data) {
        return ("{\"file_name\":\"" + fileName + "\",\"comment\":\"bench\",\"file_data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code POST /upload} with a bearer token. */
    static byte[] upload(InetSocketAddress api, String token, byte[] body) {
        return request("POST", "/upload", api, token, body);
    }

    /** {@code GET path}, with a token unless it is null. */
    static byte[] get(String path, InetSocketAddress api, String token) {
        return request("GET", path, api, token, null);
    }

    private static byte[] request(String method, String path, InetSocketAddress api, String token, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(api.getHostString()).append(':').append(api.getPort()).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
