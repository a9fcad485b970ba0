package io.filepipe.bench.capacity;

/** How uploads spread over users: what matters to one partition is the busiest user's share. */
public sealed interface UserDistribution {

    /** The busiest user's share of all uploads, among {@code users}. */
    double topShare(int users);

    /** Every user uploads as much as any other. */
    record Uniform() implements UserDistribution {
        @Override
        public double topShare(int users) {
            return 1.0 / users;
        }

        @Override
        public String toString() {
            return "uniform";
        }
    }

    /** The k-th busiest user uploads in proportion to 1/k^s. */
    record Zipf(double exponent) implements UserDistribution {
        @Override
        public double topShare(int users) {
            double harmonic = 0;
            for (int k = 1; k <= users; k++) {
                harmonic += Math.pow(k, -exponent);
            }
            return 1 / harmonic;
        }

        @Override
        public String toString() {
            return "Zipf s=" + exponent;
        }
    }
}
