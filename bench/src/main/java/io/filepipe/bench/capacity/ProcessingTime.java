package io.filepipe.bench.capacity;

import java.util.Arrays;

/**
 * How long the processor takes for one file. The model needs its mean (Lambda concurrency, by
 * Little's law) and the expected slowest of a batch (a Map waits for its last iteration): the
 * integral of {@code 1 - F(t)^n} up to the task's timeout.
 */
public sealed interface ProcessingTime {

    double medianSeconds();

    double p99Seconds();

    double meanSeconds();

    /** The distribution function: the share of files done within {@code seconds}. */
    double cdf(double seconds);

    /** Where {@link #expectedSlowestOf} may stop integrating: no file takes longer. */
    double longestSeconds();

    /**
     * The expected slowest of {@code n} files (a real number: a mean batch size) when no attempt is
     * waited for longer than {@code capSeconds} (the task's timeout).
     */
    default double expectedSlowestOf(double n, double capSeconds) {
        double upper = Math.min(capSeconds, longestSeconds());
        int steps = 20_000;
        double h = upper / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            sum += 1 - Math.pow(cdf((i + 0.5) * h), n);
        }
        return sum * h;
    }

    /** A log-normal through a median and a 99th percentile: the long right tail of a few large files. */
    static ProcessingTime logNormal(double medianSeconds, double p99Seconds) {
        return new LogNormal(medianSeconds, p99Seconds);
    }

    /** The times a run measured, as they are. */
    static ProcessingTime measured(double... seconds) {
        return new Measured(seconds);
    }

    record LogNormal(double medianSeconds, double p99Seconds) implements ProcessingTime {

        private static final double Z99 = 2.3263478740;

        public LogNormal {
            if (medianSeconds <= 0 || p99Seconds < medianSeconds) {
                throw new IllegalArgumentException("need 0 < median <= p99");
            }
        }

        double sigma() {
            return Math.log(p99Seconds / medianSeconds) / Z99;
        }

        @Override
        public double meanSeconds() {
            return medianSeconds * Math.exp(sigma() * sigma() / 2);
        }

        @Override
        public double cdf(double seconds) {
            return seconds <= 0 ? 0 : phi(Math.log(seconds / medianSeconds) / sigma());
        }

        @Override
        public double longestSeconds() {
            // beyond 7 standard deviations nothing is left to integrate
            return medianSeconds * Math.exp(7 * sigma());
        }

        /** The standard normal distribution function (Abramowitz-Stegun 26.2.17, error below 1e-7). */
        private static double phi(double z) {
            double t = 1 / (1 + 0.2316419 * Math.abs(z));
            double d = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
            double tail = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978
                    + t * 1.330274429))));
            return z >= 0 ? 1 - tail : tail;
        }
    }

    /** The empirical distribution of measured times. */
    record Measured(double[] sortedSeconds) implements ProcessingTime {

        public Measured {
            if (sortedSeconds.length == 0) {
                throw new IllegalArgumentException("no times measured");
            }
            sortedSeconds = sortedSeconds.clone();
            Arrays.sort(sortedSeconds);
        }

        @Override
        public double medianSeconds() {
            return quantile(0.50);
        }

        @Override
        public double p99Seconds() {
            return quantile(0.99);
        }

        @Override
        public double meanSeconds() {
            return Arrays.stream(sortedSeconds).average().orElseThrow();
        }

        @Override
        public double cdf(double seconds) {
            int at = Arrays.binarySearch(sortedSeconds, seconds);
            int done = at >= 0 ? at + 1 : -at - 1;
            return (double) done / sortedSeconds.length;
        }

        @Override
        public double longestSeconds() {
            return sortedSeconds[sortedSeconds.length - 1];
        }

        private double quantile(double q) {
            int index = (int) Math.ceil(q * sortedSeconds.length) - 1;
            return sortedSeconds[Math.max(0, Math.min(sortedSeconds.length - 1, index))];
        }
    }
}
