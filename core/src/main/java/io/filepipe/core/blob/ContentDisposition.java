package io.filepipe.core.blob;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The {@code Content-Disposition} of a download (RFC 6266): the name in UTF-8 as {@code filename*}
 * for browsers, and beside it a plain ASCII {@code filename} for the clients that read only that
 * one ({@code curl -OJ}, {@code wget --content-disposition}, older libraries), which would
 * otherwise save the file under the last segment of the URL.
 */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /** {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>}. */
    static String attachment(String name) {
        return "attachment" + filenames(name);
    }

    /** {@code inline} with the same names: shown in the browser, saved under the name. */
    static String inline(String name) {
        return "inline" + filenames(name);
    }

    private static String filenames(String name) {
        return "; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The name in printable ASCII, as a quoted-string's content: accents are dropped from the
     * letters that carry them ({@code é} → {@code e}), any other character outside printable ASCII
     * becomes {@code _}, and {@code "} and {@code \} are escaped.
     */
    static String asciiFallback(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder ascii = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                return; // the accent of a letter NFKD split in two
            }
            if (c == '"' || c == '\\') {
                ascii.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                ascii.append((char) c);
            } else {
                ascii.append('_');
            }
        });
        return ascii.toString();
    }
}
