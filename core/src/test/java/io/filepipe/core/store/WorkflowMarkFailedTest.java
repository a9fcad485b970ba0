package io.filepipe.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filepipe.core.FileError;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.pipeline.PipelineDefinition;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow's {@code MarkFailed} state writes a file item in ASL, outside the Java code that
 * owns the item: every attribute name, status value and rule it uses is checked here against
 * {@link FileItems}, {@link FileTable}, {@link KeyScheme} and {@link FileStatus}, so renaming one
 * there fails this test instead of leaving the workflow writing items the store cannot read.
 */
class WorkflowMarkFailedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UPDATE = Pattern.compile("SET (?<set>.+?)(?: REMOVE (?<remove>.+))?");
    private static final Pattern ASSIGNMENT = Pattern.compile("(#\\w+) = (:\\w+)");
    private static final Pattern STATUS_IN = Pattern.compile("(#\\w+) IN \\((?<values>:\\w+(?:, :\\w+)*)\\)");

    private static JsonNode parameters;
    private static Map<String, String> set;
    private static List<String> removed;

    @BeforeAll
    static void readMarkFailed() throws Exception {
        JsonNode workflow = JSON.readTree(PipelineDefinition.workflowTemplate());
        JsonNode state = workflow.at("/States/ProcessFiles/ItemProcessor/States/MarkFailed");
        assertEquals("arn:aws:states:::dynamodb:updateItem", state.path("Resource").asText(), "MarkFailed updates the item");
        parameters = state.path("Parameters");

        String expression = parameters.path("UpdateExpression").asText();
        Matcher update = UPDATE.matcher(expression);
        assertTrue(update.matches(), "an update of the form SET ... REMOVE ...: " + expression);
        set = new LinkedHashMap<>();
        for (String assignment : update.group("set").split(", ")) {
            Matcher m = ASSIGNMENT.matcher(assignment);
            assertTrue(m.matches(), "an assignment of a value: " + assignment);
            set.put(name(m.group(1)), m.group(2));
        }
        removed = update.group("remove") == null ? List.of()
                : Arrays.stream(update.group("remove").split(", ")).map(WorkflowMarkFailedTest::name).toList();
    }

    private static String name(String placeholder) {
        JsonNode name = parameters.path("ExpressionAttributeNames").path(placeholder);
        assertTrue(name.isTextual(), placeholder + " is in ExpressionAttributeNames");
        return name.asText();
    }

    private static JsonNode value(String placeholder) {
        JsonNode value = parameters.path("ExpressionAttributeValues").path(placeholder);
        assertTrue(value.isObject(), placeholder + " is in ExpressionAttributeValues");
        return value;
    }

    @Test
    void itAddressesTheItemByTheTablesKeys() {
        assertEquals(new TreeSet<>(Set.of(KeyScheme.PK, KeyScheme.SK)), fieldNames(parameters.path("Key")));
    }

    @Test
    void itSetsTheAttributesATransitionToFailedSets() {
        assertEquals(Set.of(FileItems.STATUS, FileItems.UPDATED_AT, FileItems.ERROR), set.keySet());
        assertEquals(FileStatus.FAILED.name(), value(set.get(FileItems.STATUS)).path("S").asText());
        assertTrue(value(set.get(FileItems.UPDATED_AT)).has("S.$"), "updatedAt is a string, the time the state was entered");
    }

    @Test
    void itsErrorHasTheFieldsOfAFileError() {
        JsonNode error = value(set.get(FileItems.ERROR)).path("M");
        Set<String> javaFields = new TreeSet<>(FileItems.error(new FileError("CODE", "message")).m().keySet());
        assertEquals(javaFields, fieldNames(error));
        error.forEach(field -> assertTrue(field.has("S") || field.has("S.$"), "a string: " + field));
    }

    @Test
    void itTakesTheFileOutOfTheSweepIndexAsEveryTerminalTransitionDoes() {
        assertTrue(FileStatus.FAILED.isTerminal());
        assertEquals(List.of(FileTable.SWEEP_STATUS), removed);
    }

    @Test
    void itFailsOnlyAFileInAStatusThatMayMoveToFailed() {
        Matcher condition = STATUS_IN.matcher(parameters.path("ConditionExpression").asText());
        assertTrue(condition.matches(), "a condition of the form #status IN (...): " + parameters.path("ConditionExpression"));
        assertEquals(FileItems.STATUS, name(condition.group(1)));
        Set<FileStatus> allowed = Arrays.stream(condition.group("values").split(", "))
                .map(placeholder -> FileStatus.valueOf(value(placeholder).path("S").asText()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FileStatus.class)));
        Set<FileStatus> mayFail = EnumSet.allOf(FileStatus.class).stream()
                .filter(status -> status.canMoveTo(FileStatus.FAILED))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FileStatus.class)));
        assertEquals(mayFail, allowed);
    }

    @Test
    void everyNameAndValueItDeclaresIsUsed() {
        String expressions = parameters.path("UpdateExpression").asText() + " " + parameters.path("ConditionExpression").asText();
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("[#:]\\w+").matcher(expressions);
        while (m.find()) {
            used.add(m.group());
        }
        Set<String> declared = new TreeSet<>(fieldNames(parameters.path("ExpressionAttributeNames")));
        declared.addAll(fieldNames(parameters.path("ExpressionAttributeValues")));
        assertEquals(declared, used);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
