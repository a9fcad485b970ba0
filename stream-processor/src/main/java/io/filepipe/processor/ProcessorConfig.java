package io.filepipe.processor;

import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.config.Env;
import io.filepipe.core.store.SweepShards;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The processor's settings, read once per container from the environment
 * ({@code Env.parse(System.getenv(), ProcessorConfig::from)}), and the environment that gives a
 * process these settings ({@link #toEnvironment()}): the names are defined here only.
 *
 * @param table          the file table ({@value #TABLE})
 * @param bucket         the bucket holding uploads and derived files ({@value #BUCKET})
 * @param lease          how long a claim protects a file from other attempts
 *                       ({@value #LEASE}, default PT75S); above the function timeout, see {@link ProcessorTimeouts}
 * @param imageBudget    how long decoding one image and rendering its thumbnails may take before
 *                       the file is rejected ({@value #IMAGE_BUDGET}, default PT30S); shorter than
 *                       the function timeout, see {@link ProcessorTimeouts}
 * @param maxImagePixels images whose header announces more pixels are rejected without decoding
 *                       ({@value #MAX_IMAGE_PIXELS}, default 50,000,000)
 * @param maxImageBytes  images larger than this are rejected instead of being read into memory
 *                       ({@value #MAX_IMAGE_BYTES}, default 32 MiB)
 * @param maxImageScans  JPEGs with more scans (progressive passes) are rejected without decoding
 *                       ({@value #MAX_IMAGE_SCANS}, default 100)
 * @param thumbnailSizes long-side sizes of the thumbnails, ascending
 *                       ({@value #THUMBNAIL_SIZES}, default {@code 128,512})
 * @param sweepShards    keys per status of the sweep index ({@value SweepShards#VARIABLE}), the same in every process
 * @param aws            region and endpoint overrides ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL*})
 */
public record ProcessorConfig(String table, String bucket, Duration lease, Duration imageBudget, long maxImagePixels,
                              int maxImageBytes, int maxImageScans, List<Integer> thumbnailSizes,
                              SweepShards sweepShards, AwsSettings aws) {

    public static final String TABLE = "FILEPIPE_TABLE";
    public static final String BUCKET = "FILEPIPE_BUCKET";
    public static final String LEASE = "FILEPIPE_LEASE";
    public static final String MAX_IMAGE_PIXELS = "FILEPIPE_MAX_IMAGE_PIXELS";
    public static final String MAX_IMAGE_BYTES = "FILEPIPE_MAX_IMAGE_BYTES";
    public static final String IMAGE_BUDGET = "FILEPIPE_IMAGE_BUDGET";
    public static final String MAX_IMAGE_SCANS = "FILEPIPE_MAX_IMAGE_SCANS";
    public static final String THUMBNAIL_SIZES = "FILEPIPE_THUMBNAIL_SIZES";

    public static final Duration DEFAULT_LEASE = ProcessorTimeouts.defaults().lease();
    public static final Duration DEFAULT_IMAGE_BUDGET = ProcessorTimeouts.defaults().imageBudget();
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    public static final int DEFAULT_MAX_IMAGE_BYTES = 32 * 1024 * 1024;
    /** Sound encoders write about ten scans; libjpeg's own progressive script has ten. */
    public static final int DEFAULT_MAX_IMAGE_SCANS = 100;
    public static final List<Integer> DEFAULT_THUMBNAIL_SIZES = List.of(128, 512);
    static final int MIN_THUMBNAIL_SIZE = 16;
    static final int MAX_THUMBNAIL_SIZE = 2048;

    public ProcessorConfig {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(imageBudget, "imageBudget");
        Objects.requireNonNull(sweepShards, "sweepShards");
        Objects.requireNonNull(aws, "aws");
        thumbnailSizes = List.copyOf(new TreeSet<>(thumbnailSizes));
        if (thumbnailSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one thumbnail size is needed");
        }
    }

    /**
     * The processor with the lease and image budget of its function timeout, the default image
     * limits and thumbnail sizes.
     */
    public static ProcessorConfig of(String table, String bucket, ProcessorTimeouts timeouts, SweepShards sweepShards,
                                     AwsSettings aws) {
        return new ProcessorConfig(table, bucket, timeouts.lease(), timeouts.imageBudget(), DEFAULT_MAX_IMAGE_PIXELS,
                DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_SCANS, DEFAULT_THUMBNAIL_SIZES, sweepShards, aws);
    }

    public static ProcessorConfig from(Env env) {
        String table = env.required(TABLE);
        String bucket = env.required(BUCKET);
        Duration lease = lease(env);
        Duration budget = env.duration(IMAGE_BUDGET, DEFAULT_IMAGE_BUDGET);
        if (budget.compareTo(lease) >= 0) {
            env.problem(IMAGE_BUDGET + " (" + budget + ") must be shorter than " + LEASE + " (" + lease
                    + "): a file still being decoded would lose its claim");
        }
        long maxPixels = env.longInRange(MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS, 1, 1_000_000_000L);
        int maxBytes = env.intInRange(MAX_IMAGE_BYTES, DEFAULT_MAX_IMAGE_BYTES, 1, Integer.MAX_VALUE - 8);
        int maxScans = env.intInRange(MAX_IMAGE_SCANS, DEFAULT_MAX_IMAGE_SCANS, 1, 10_000);
        List<Integer> sizes = thumbnailSizes(env);
        AwsSettings aws = AwsSettings.from(env);
        return new ProcessorConfig(table, bucket, lease, budget, maxPixels, maxBytes, maxScans, sizes,
                SweepShards.from(env), aws);
    }

    /** The claim lease alone ({@value #LEASE}), for the local stack, which runs the processor in process. */
    public static Duration lease(Env env) {
        return env.duration(LEASE, DEFAULT_LEASE);
    }

    /** These settings as the variables {@link #from} reads back into them. */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new HashMap<>(aws.toEnvironment());
        env.putAll(sweepShards.toEnvironment());
        env.put(TABLE, table);
        env.put(BUCKET, bucket);
        env.put(LEASE, lease.toString());
        env.put(IMAGE_BUDGET, imageBudget.toString());
        env.put(MAX_IMAGE_PIXELS, Long.toString(maxImagePixels));
        env.put(MAX_IMAGE_BYTES, Integer.toString(maxImageBytes));
        env.put(MAX_IMAGE_SCANS, Integer.toString(maxImageScans));
        env.put(THUMBNAIL_SIZES, thumbnailSizes.stream().map(String::valueOf).collect(Collectors.joining(",")));
        return Map.copyOf(env);
    }

    private static List<Integer> thumbnailSizes(Env env) {
        String name = THUMBNAIL_SIZES;
        String raw = env.optional(name, null);
        if (raw == null) {
            return DEFAULT_THUMBNAIL_SIZES;
        }
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String part : raw.split(",")) {
            Optional<Integer> size = parseSize(part.strip());
            if (size.isEmpty()) {
                env.problem(name + " must be a comma-separated list of sizes between " + MIN_THUMBNAIL_SIZE
                        + " and " + MAX_THUMBNAIL_SIZE + " but is '" + raw + "'");
                return DEFAULT_THUMBNAIL_SIZES;
            }
            sizes.add(size.get());
        }
        return List.copyOf(sizes);
    }

    private static Optional<Integer> parseSize(String text) {
        try {
            int size = Integer.parseInt(text);
            return size >= MIN_THUMBNAIL_SIZE && size <= MAX_THUMBNAIL_SIZE ? Optional.of(size) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
