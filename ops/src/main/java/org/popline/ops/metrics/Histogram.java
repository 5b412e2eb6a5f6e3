package org.popline.ops.metrics;

/** Observations counted into fixed upper bounds (seconds), as a Prometheus histogram exposes them. */
final class Histogram {
    private final double[] bounds;
    private final long[] counts;
    private long count;
    private double sum;

    /** @param bounds upper bounds in increasing order; +Inf is implied */
    Histogram(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
                break;
            }
        }
        count++;
        sum += value;
    }

    /** The buckets (cumulative, as the format wants), {@code _sum} and {@code _count}, from one consistent moment. */
    synchronized void writeTo(PrometheusText out, String name, String help) {
        out.family(name, "histogram", help);
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i];
            out.sample(name + "_bucket", cumulative, "le", PrometheusText.number(bounds[i]));
        }
        out.sample(name + "_bucket", count, "le", "+Inf");
        out.sample(name + "_sum", sum);
        out.sample(name + "_count", count);
    }
}
