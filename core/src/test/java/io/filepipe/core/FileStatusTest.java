package io.filepipe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FileStatusTest {

    @Test
    void theTerminalStatesAreExactlyThoseWithNoWayOut() {
        Set<FileStatus> withoutNext = Arrays.stream(FileStatus.values())
                .filter(status -> status.next().isEmpty()).collect(Collectors.toSet());

        assertEquals(withoutNext, FileStatus.TERMINAL);
        assertTrue(FileStatus.TERMINAL.stream().allMatch(FileStatus::isTerminal));
    }

    @Test
    void terminalNamesAreRecognisedAndAnyOtherTextIsNot() {
        assertTrue(FileStatus.isTerminal("REJECTED"));
        assertFalse(FileStatus.isTerminal("PROCESSING"));
        assertFalse(FileStatus.isTerminal("processed"));
        assertFalse(FileStatus.isTerminal(""));
        assertFalse(FileStatus.isTerminal(null));
    }
}
