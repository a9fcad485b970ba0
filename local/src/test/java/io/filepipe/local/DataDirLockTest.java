package io.filepipe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void theHolderWritesItsPidIntoAFileOnlyItsOwnerCanRead(@TempDir Path dir) throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(dir.resolve("data"))) {
            Path file = dir.resolve("data").resolve(DataDirLock.NAME);
            assertEquals(PID + "\n", Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))));
        }
    }

    @Test
    void aSecondLockOnTheSameDirectoryIsRefusedNamingTheHolder(@TempDir Path dir) {
        try (DataDirLock lock = DataDirLock.acquire(dir)) {
            DataDirLock.InUse refused = assertThrows(DataDirLock.InUse.class, () -> DataDirLock.acquire(dir));

            assertEquals("data dir " + dir + " in use by PID " + PID + " (this process) (stop it first, or choose"
                    + " another directory with --data-dir)", refused.getMessage());
        }
    }

    @Test
    void aReleasedDirectoryCanBeLockedAgain(@TempDir Path dir) {
        DataDirLock.acquire(dir).close();

        DataDirLock.acquire(dir).close();
    }
}
