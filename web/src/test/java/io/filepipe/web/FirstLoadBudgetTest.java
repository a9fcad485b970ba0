package io.filepipe.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The built page as the API serves it: small to load, and nothing inline that its CSP would block. */
class FirstLoadBudgetTest {

    /** The budget for the first load: compressed JS and CSS together. */
    static final int BUDGET_BYTES = 100 * 1024;
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"/(assets/[^\"]+\\.(?:js|css))\"");

    @Test
    void theFirstLoadsScriptsAndStylesCompressTo100KiBOrLess() throws IOException {
        String index = read("filepipe/web/index.html");
        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(index);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertTrue(assets.stream().anyMatch(a -> a.endsWith(".js")), "index.html loads a script: " + assets);
        long compressed = 0;
        for (String asset : assets) {
            compressed += gzipped(readBytes("filepipe/web/" + asset));
        }
        System.out.printf("web: first load %d bytes of JS+CSS gzipped (%s), budget %d%n", compressed, assets, BUDGET_BYTES);
        assertTrue(compressed <= BUDGET_BYTES, "first load is " + compressed + " bytes gzipped, over the budget of " + BUDGET_BYTES);
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws IOException {
        String index = read("filepipe/web/index.html");
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(index).find(), "an inline <script>: " + index);
        assertFalse(index.contains("<style"), "an inline <style>: " + index);
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(index).find(), "an inline event handler: " + index);
    }

    @Test
    void assetNamesCarryAContentHash() throws IOException {
        String index = read("filepipe/web/index.html");
        Matcher m = ASSET.matcher(index);
        while (m.find()) {
            assertTrue(m.group(1).matches("assets/[A-Za-z0-9_-]+-[A-Za-z0-9_-]{8}\\.(js|css)"), m.group(1));
        }
    }

    private static long gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }

    private static String read(String resource) throws IOException {
        return new String(readBytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(String resource) throws IOException {
        try (InputStream in = FirstLoadBudgetTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path: the Vite build did not run");
            }
            return in.readAllBytes();
        }
    }
}
