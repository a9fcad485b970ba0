package io.filepipe.api.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadPlanTest {

    private static final long MIB = 1024 * 1024;

    @ParameterizedTest
    @CsvSource({
            "1, 8, 1",
            "8388608, 8, 1",
            "8388609, 8, 2",
            "5368709120, 8, 640",
            // 100 GiB / 10,000 parts is 10.24 MiB: rounded up to 11 MiB
            "107374182400, 11, 9310",
            "5497558138880, 525, 9987"})
    void partsAreAtLeastEightMebibytesAndNeverMoreThanTenThousand(long size, long partMib, int parts) {
        UploadPlan plan = UploadPlan.of(size);

        assertEquals(partMib * MIB, plan.partSize());
        assertEquals(parts, plan.partCount());
        assertEquals(parts == 1, plan.singlePart());
    }
}
