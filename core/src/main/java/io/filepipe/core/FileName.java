package io.filepipe.core;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A validated, NFC-normalized file name as the user gave it: 1 to {@value #MAX_BYTES} UTF-8 bytes,
 * no path separators, no control, format (bidi, zero-width) or unassigned characters, no
 * surrounding whitespace, and not {@code .} or {@code ..}. {@link #keySegment()} is the
 * ASCII-only form used inside S3 keys.
 */
public record FileName(String value) {

    public static final int MAX_BYTES = 255;
    private static final int MAX_KEY_SEGMENT = 120;

    public FileName {
        Objects.requireNonNull(value, "value");
    }

    /** Validates and normalizes a client-supplied name. */
    public static FileName of(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidFileName("file_name must not be empty");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidFileName("file_name must be at most " + MAX_BYTES + " UTF-8 bytes");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidFileName("file_name must not be '.' or '..'");
        }
        if (!name.strip().equals(name) || name.isBlank()) {
            throw new InvalidFileName("file_name must not start or end with whitespace");
        }
        if (name.indexOf('%') >= 0 && isPathOnceDecoded(name)) {
            throw new InvalidFileName("file_name must not contain percent-encoded path separators or dot segments");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '/' || cp == '\\') {
                throw new InvalidFileName("file_name must not contain path separators");
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidFileName("file_name must not contain control or invisible characters");
            }
            i += Character.charCount(cp);
        }
        return new FileName(name);
    }

    private static boolean isPathOnceDecoded(String name) {
        String decoded = name;
        for (int round = 0; round < 3 && decoded.indexOf('%') >= 0; round++) { // %252e decodes twice
            decoded = percentDecode(decoded);
        }
        return decoded.equals(".") || decoded.equals("..") || decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0
                || decoded.indexOf('\0') >= 0;
    }

    private static String percentDecode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                out.append((char) HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The lower-case extension without the dot, or "" when there is none. */
    public String extension() {
        int dot = value.lastIndexOf('.');
        return dot <= 0 || dot == value.length() - 1 ? "" : value.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The name reduced to {@code [A-Za-z0-9._-]}, other characters replaced by {@code _}, no leading
     * dot, at most {@value #MAX_KEY_SEGMENT} characters with the extension kept. Never empty.
     */
    public String keySegment() {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            boolean safe = cp < 128 && (Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_');
            out.append(safe ? (char) cp : '_');
        });
        while (!out.isEmpty() && out.charAt(0) == '.') {
            out.setCharAt(0, '_');
        }
        String segment = out.toString();
        if (segment.length() > MAX_KEY_SEGMENT) {
            String ext = extension();
            String tail = ext.isEmpty() || ext.length() > 16 ? "" : "." + ext;
            segment = segment.substring(0, MAX_KEY_SEGMENT - tail.length()) + tail;
        }
        return segment;
    }

    @Override
    public String toString() {
        return value;
    }
}
