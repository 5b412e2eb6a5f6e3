package org.popline.media.bench;

/** Counts of microsecond values in 10 µs buckets, for percentiles without keeping every sample. */
final class Histogram {

    private static final int BUCKET_MICROS = 10;
    private static final int BUCKETS = 100_000;

    private final long[] counts = new long[BUCKETS + 1];
    private long total;
    private long maxMicros;

    void add(long micros) {
        int bucket = (int) Math.min(BUCKETS, Math.max(0, micros) / BUCKET_MICROS);
        counts[bucket]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return maxMicros;
    }

    /** The upper edge of the bucket holding the given quantile, so percentiles err high, never low. */
    long percentileMicros(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int bucket = 0; bucket <= BUCKETS; bucket++) {
            seen += counts[bucket];
            if (seen >= rank) {
                return Math.min(maxMicros, (bucket + 1L) * BUCKET_MICROS);
            }
        }
        return maxMicros;
    }
}
