package org.popline.media.bench;

/**
 * Arrival time, sequence number and timestamp of every packet of one stream, in arrays
 * allocated up front so that recording allocates nothing while the benchmark runs.
 */
final class ArrivalLog {

    static final long FRAME_NANOS = 20_000_000L;
    static final int FRAME_UNITS = 160;
    static final long LATE_NANOS = 10_000_000L;

    private final long[] arrivals;
    private final int[] sequences;
    private final int[] timestamps;
    private int size;
    private long overflow;

    ArrivalLog(int capacity) {
        arrivals = new long[capacity];
        sequences = new int[capacity];
        timestamps = new int[capacity];
    }

    void record(long arrivalNanos, int sequence, int timestamp) {
        if (size == arrivals.length) {
            overflow++;
            return;
        }
        arrivals[size] = arrivalNanos;
        sequences[size] = sequence;
        timestamps[size] = timestamp;
        size++;
    }

    int size() {
        return size;
    }

    long overflow() {
        return overflow;
    }

    /**
     * Adds |interval - 20 ms x frames| of each pair of consecutive packets to the
     * histogram; frames come from the RTP timestamps, so a skipped tick is not counted
     * as deviation twice. Reordered packets (timestamp going back) are left out.
     */
    void addDeviations(Histogram deviations) {
        for (int i = 1; i < size; i++) {
            int frames = (timestamps[i] - timestamps[i - 1]) / FRAME_UNITS;
            if (frames > 0) {
                long interval = arrivals[i] - arrivals[i - 1];
                deviations.add(Math.abs(interval - frames * FRAME_NANOS) / 1000);
            }
        }
    }

    /**
     * Packets more than 10 ms later than this stream's own best: each packet's arrival
     * minus its due time (first arrival + frames x 20 ms), compared with the smallest
     * such offset. A constant offset (this stream's place in the clock's send loop) is
     * latency, not lateness.
     */
    long lateFrames() {
        if (size == 0) {
            return 0;
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            best = Math.min(best, offset(i));
        }
        long late = 0;
        for (int i = 0; i < size; i++) {
            if (offset(i) - best > LATE_NANOS) {
                late++;
            }
        }
        return late;
    }

    long maxLatenessNanos() {
        long best = Long.MAX_VALUE;
        long worst = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            best = Math.min(best, offset(i));
            worst = Math.max(worst, offset(i));
        }
        return size == 0 ? 0 : worst - best;
    }

    /** Sequence numbers missing between the first and last packet recorded. */
    long lost() {
        if (size == 0) {
            return 0;
        }
        long extended = 0;
        long highest = 0;
        for (int i = 1; i < size; i++) {
            int step = (sequences[i] - sequences[i - 1]) & 0xFFFF;
            // Steps backwards (reordering) look like huge forward steps; they are not gaps.
            if (step < 0x8000) {
                extended += step;
                highest = Math.max(highest, extended);
            } else {
                extended -= 0x10000 - step;
            }
        }
        return Math.max(0, highest + 1 - size);
    }

    private long offset(int i) {
        long frames = (timestamps[i] - timestamps[0]) / FRAME_UNITS;
        return arrivals[i] - arrivals[0] - frames * FRAME_NANOS;
    }
}
