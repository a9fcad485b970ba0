package io.filepipe.local.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartPlanTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aFileNoLargerThanOnePartIsOnePartHoldingAllOfIt() {
        PartPlan plan = new PartPlan(5 * MIB, 8 * MIB);

        assertEquals(List.of(new PartPlan.Part(1, 0, 5 * MIB)), plan.parts());
    }

    @Test
    void partsFollowEachOtherAndTheLastHoldsTheRest() {
        PartPlan plan = new PartPlan(20 * MIB + 3, 8 * MIB);

        assertEquals(List.of(new PartPlan.Part(1, 0, 8 * MIB), new PartPlan.Part(2, 8 * MIB, 8 * MIB),
                new PartPlan.Part(3, 16 * MIB, 4 * MIB + 3)), plan.parts());
    }

    @Test
    void aFileOfExactlyNPartsHasNoEmptyLastPart() {
        PartPlan plan = new PartPlan(24 * MIB, 8 * MIB);

        assertEquals(3, plan.partCount());
        assertEquals(new PartPlan.Part(3, 16 * MIB, 8 * MIB), plan.part(3));
    }

    @Test
    void aFileOfFiveGibibytesInEightMibibytePartsIsSixHundredFortyParts() {
        PartPlan plan = new PartPlan(5L * 1024 * MIB, 8 * MIB);

        assertEquals(640, plan.partCount());
        assertEquals(639L * 8 * MIB, plan.part(640).offset());
    }

    @Test
    void aPartNumberOutsideThePlanIsRefused() {
        PartPlan plan = new PartPlan(10, 4);

        assertThrows(IllegalArgumentException.class, () -> plan.part(0));
        assertThrows(IllegalArgumentException.class, () -> plan.part(4));
    }
}
