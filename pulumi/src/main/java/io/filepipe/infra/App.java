package io.filepipe.infra;

import com.pulumi.Pulumi;

/** What {@code pulumi up} runs (Pulumi.yaml names this jar). */
public final class App {

    private static final String POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private App() {
    }

    public static void main(String[] args) {
        // The Pulumi SDK spins on the common pool; on JDK 25 with one worker (two cores or fewer)
        // it never finishes (pulumi-java#2270). Set before anything touches the pool.
        if (System.getProperty(POOL_PARALLELISM) == null) {
            System.setProperty(POOL_PARALLELISM, "2");
        }
        Pulumi.run(FilepipeStack::define);
    }
}
