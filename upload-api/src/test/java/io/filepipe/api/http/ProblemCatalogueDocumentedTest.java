package io.filepipe.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The API reference's table of problem types and {@link ProblemType} say the same, both ways. */
class ProblemCatalogueDocumentedTest {

    /** The document with the API reference, from the module's directory. */
    static final Path API_REFERENCE = Path.of("..", "docs", "api.md");

    /** A row of the table: {@code | 400 | `malformed-json` | when ... |}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d{3})\\s*\\|\\s*`([a-z0-9-]+)`\\s*\\|.*");

    @Test
    void everyProblemTypeIsDocumentedWithItsStatus() throws IOException {
        Map<String, Integer> documented = documentedTypes();
        for (ProblemType type : ProblemType.values()) {
            assertEquals(type.status(), documented.get(type.slug()), type.slug() + " in " + API_REFERENCE);
        }
    }

    @Test
    void everyDocumentedTypeIsInTheCatalogue() throws IOException {
        Set<String> catalogue = Arrays.stream(ProblemType.values()).map(ProblemType::slug).collect(Collectors.toSet());
        for (String documented : documentedTypes().keySet()) {
            assertTrue(catalogue.contains(documented), documented + " is documented but not a ProblemType");
        }
    }

    /** The rows of the table whose header names the types' base URI. */
    private static Map<String, Integer> documentedTypes() throws IOException {
        List<String> lines = Files.readAllLines(API_REFERENCE);
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).startsWith("|") && lines.get(i).contains(ProblemType.BASE)) {
                header = i;
            }
        }
        if (header < 0) {
            throw new AssertionError(API_REFERENCE + " has no table of problem types under " + ProblemType.BASE);
        }
        Map<String, Integer> documented = new TreeMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            if (!row.matches()) {
                throw new AssertionError("not a row of status and type: " + lines.get(i));
            }
            assertNull(documented.put(row.group(2), Integer.parseInt(row.group(1))), "documented twice: " + row.group(2));
        }
        return documented;
    }
}
