package io.filepipe.bench.capacity;

/**
 * How long the processor takes for one file, as a log-normal distribution given by its median and
 * 99th percentile (processing times have a long right tail: a few large images among many small
 * files). The model needs its mean (Lambda concurrency, by Little's law) and the expected slowest
 * of a batch (a Map waits for its last iteration).
 */
public record ProcessingTime(double medianSeconds, double p99Seconds) {

    private static final double Z99 = 2.3263478740;

    public ProcessingTime {
        if (medianSeconds <= 0 || p99Seconds < medianSeconds) {
            throw new IllegalArgumentException("need 0 < median <= p99");
        }
    }

    double sigma() {
        return Math.log(p99Seconds / medianSeconds) / Z99;
    }

    public double meanSeconds() {
        return medianSeconds * Math.exp(sigma() * sigma() / 2);
    }

    double cdf(double seconds) {
        return seconds <= 0 ? 0 : Phi(Math.log(seconds / medianSeconds) / sigma());
    }

    /**
     * The expected slowest of {@code n} files when no attempt is waited for longer than
     * {@code capSeconds} (the task's timeout): the integral of {@code 1 - F(t)^n} from 0 to the cap.
     */
    public double expectedSlowestOf(int n, double capSeconds) {
        // beyond 7 standard deviations nothing is left to integrate, whatever the cap
        double upper = Math.min(capSeconds, medianSeconds * Math.exp(7 * sigma()));
        int steps = 20_000;
        double h = upper / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double t = (i + 0.5) * h;
            sum += 1 - Math.pow(cdf(t), n);
        }
        return sum * h;
    }

    /** The standard normal distribution function (Abramowitz-Stegun 26.2.17, error below 1e-7). */
    private static double Phi(double z) {
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double d = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        double tail = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978
                + t * 1.330274429))));
        return z >= 0 ? 1 - tail : tail;
    }
}
