package io.filepipe.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void quantilesAreNearestRankOfTheSortedValues() {
        Results.Quantiles q = Results.Quantiles.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0));

        assertEquals(new Results.Quantiles(3.0, 5.0, 5.0), q);
    }

    @Test
    void theP99OfTwoHundredValuesIsTheOneHundredNinetyEighth() {
        List<Double> values = IntStream.rangeClosed(1, 200).mapToObj(i -> (double) (201 - i)).toList();

        assertEquals(new Results.Quantiles(100.0, 198.0, 200.0), Results.Quantiles.of(values));
    }

    @Test
    void oneValueIsEveryQuantile() {
        assertEquals(new Results.Quantiles(7.5, 7.5, 7.5), Results.Quantiles.of(List.of(7.5)));
    }

    @Test
    void noValuesGiveNotANumber() {
        Results.Quantiles q = Results.Quantiles.of(List.of());

        assertTrue(Double.isNaN(q.p50()) && Double.isNaN(q.p99()) && Double.isNaN(q.max()));
    }
}
