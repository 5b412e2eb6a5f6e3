package org.popline.media.dtmf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds DTMF key presses in decoded 8 kHz audio, for callers whose phones send neither
 * RFC 4733 events nor SIP INFO.
 *
 * <p>Every 2 ms it measures the eight DTMF frequencies with the Goertzel algorithm over the
 * last 102 samples (12.75 ms: long enough to separate neighbouring rows, which are 73 Hz
 * apart, short enough to time a tone to within a few ms). A block holds a key when, as in
 * ITU-T Q.24 practice, the strongest row and column tone are each loud enough, both stand
 * clearly above the other tones of their group, their levels differ by no more than the
 * allowed twist, and together they carry most of the block's energy: that last check is
 * what rejects speech and music, whose energy is spread over many frequencies.
 *
 * <p>A key counts once it has held for about 36 ms, so tones of 40 ms or more count and
 * those of 30 ms or less never do. It is delivered then, while still sounding, so prompts
 * stop at once; its end is reported after a gap of about 20 ms, and only after such a gap
 * can the same key count again; shorter drop-outs inside a tone are bridged. Measuring
 * overlapping blocks every 2 ms, rather than block after block, is what makes the 30
 * versus 40 ms decision possible.
 *
 * <p>Not thread-safe: one call's audio is fed by one thread.
 */
public final class GoertzelDtmfDetector {

    private static final Logger log = LoggerFactory.getLogger(GoertzelDtmfDetector.class);

    static final int SAMPLE_RATE = 8000;
    static final int BLOCK = 102;
    static final int HOP = 16;
    /**
     * Consecutive key blocks that make a press. Measured over all keys, start phases and
     * 20 dB SNR: tones up to 32 ms never reach it, tones from 39 ms always do.
     */
    static final int MIN_BLOCKS = 16;
    /**
     * Blocks without the key that end it. Measured: drop-outs up to 14 ms are bridged, gaps
     * from 22 ms end the tone (Q.24: bridge 10 ms, pauses are 40 ms or more).
     */
    static final int STOP_BLOCKS = 12;
    /** Measured: the first and last key blocks of a tone start this much less apart than its ends. */
    private static final int EDGE_SAMPLES = 84;

    private static final double[] ROW_HZ = {697, 770, 852, 941};
    private static final double[] COLUMN_HZ = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
        {'1', '2', '3', 'A'},
        {'4', '5', '6', 'B'},
        {'7', '8', '9', 'C'},
        {'*', '0', '#', 'D'},
    };
    private static final char NO_KEY = 0;

    /** About -36 dBm0 per tone (amplitude 360 of 32767); quieter tones are line noise, not keys. */
    private static final double MIN_TONE_POWER = 360.0 * 360.0 / 2;
    /**
     * Q.24 allows the high group up to 8 dB louder than the low group (normal twist, as line
     * loss makes it) and the low group up to 4 dB louder (reverse twist). A short block reads
     * the weaker tone about 1 dB low when the stronger one leaks into it, so 1 dB is added;
     * with column 1209 Hz at 8 dB the error reaches 2 dB and those keys are still refused.
     */
    private static final double NORMAL_TWIST = dbToPower(8 + 1);
    private static final double REVERSE_TWIST = dbToPower(4 + 1);
    /** Every other tone of a group must be this far below the strongest. */
    private static final double RELATIVE_PEAK = dbToPower(8);
    /**
     * Share of the block's energy the two tones must carry. It also decides how much of a
     * block a tone must fill to count, so MIN_BLOCKS, STOP_BLOCKS and EDGE_SAMPLES are
     * measured with it: change them together.
     */
    private static final double MIN_TONE_SHARE = 0.6;

    private static final double[] ROW_COEFFICIENTS = coefficients(ROW_HZ);
    private static final double[] COLUMN_COEFFICIENTS = coefficients(COLUMN_HZ);

    private final DtmfListener listener;
    private final short[] window = new short[BLOCK];
    private final double[] rowPower = new double[ROW_HZ.length];
    private final double[] columnPower = new double[COLUMN_HZ.length];
    private int windowNext;
    private int buffered;
    private int sinceLastBlock;
    private long block;

    private char candidate = NO_KEY;
    private int candidateBlocks;

    private DtmfDigit current;
    private long currentFirstBlock;
    private long currentLastBlock;
    private int blocksWithoutCurrent;

    public GoertzelDtmfDetector(DtmfListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is required");
        }
        this.listener = listener;
    }

    /** Takes the next frame of 8 kHz linear PCM; any length, usually 160 samples (20 ms). */
    public void onFrame(short[] pcm) {
        onFrame(pcm, 0, pcm.length);
    }

    public void onFrame(short[] pcm, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            window[windowNext] = pcm[i];
            windowNext = windowNext + 1 == BLOCK ? 0 : windowNext + 1;
            if (buffered < BLOCK) {
                buffered++;
            }
            if (++sinceLastBlock >= HOP && buffered == BLOCK) {
                sinceLastBlock = 0;
                track(keyOfBlock());
                block++;
            }
        }
    }

    private char keyOfBlock() {
        double energy = 0;
        for (short sample : window) {
            energy += (double) sample * sample;
        }
        if (energy == 0) {
            return NO_KEY;
        }
        goertzel(ROW_COEFFICIENTS, rowPower);
        goertzel(COLUMN_COEFFICIENTS, columnPower);
        int row = strongest(rowPower);
        int column = strongest(columnPower);
        double rowTone = rowPower[row];
        double columnTone = columnPower[column];
        boolean key = rowTone >= MIN_TONE_POWER && columnTone >= MIN_TONE_POWER
                && columnTone <= rowTone * NORMAL_TWIST && rowTone <= columnTone * REVERSE_TWIST
                && standsOut(rowPower, row) && standsOut(columnPower, column)
                && (rowTone + columnTone) >= MIN_TONE_SHARE * energy / BLOCK;
        return key ? KEYS[row][column] : NO_KEY;
    }

    /** Mean-square power of each frequency in the window, oldest sample first. */
    private void goertzel(double[] coefficients, double[] power) {
        for (int f = 0; f < coefficients.length; f++) {
            double coefficient = coefficients[f];
            double s1 = 0;
            double s2 = 0;
            int index = windowNext;
            for (int n = 0; n < BLOCK; n++) {
                double s0 = window[index] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
                index = index + 1 == BLOCK ? 0 : index + 1;
            }
            // |X|^2 of a sine of amplitude a is (a N / 2)^2; scaled to a^2 / 2.
            power[f] = (s1 * s1 + s2 * s2 - coefficient * s1 * s2) * 2 / ((double) BLOCK * BLOCK);
        }
    }

    private void track(char key) {
        if (key != NO_KEY && key == candidate) {
            candidateBlocks++;
        } else {
            candidate = key;
            candidateBlocks = key == NO_KEY ? 0 : 1;
        }
        if (current != null) {
            if (key == current.digit()) {
                currentLastBlock = block;
                blocksWithoutCurrent = 0;
            } else if (++blocksWithoutCurrent >= STOP_BLOCKS) {
                end();
            }
        }
        boolean newPress = current == null || candidate != current.digit();
        if (candidate != NO_KEY && candidateBlocks >= MIN_BLOCKS && newPress) {
            if (current != null) {
                end();
            }
            currentFirstBlock = block - candidateBlocks + 1;
            currentLastBlock = block;
            blocksWithoutCurrent = 0;
            current = new DtmfDigit(candidate, millis(), DtmfDigit.Source.INBAND);
            log.debug("In-band DTMF key detected");
            listener.onDigit(current);
        }
    }

    private void end() {
        DtmfDigit ended = current.withDuration(millis());
        current = null;
        listener.onDigitEnd(ended);
    }

    /** The tone's length so far, to within a few ms. */
    private int millis() {
        long samples = (currentLastBlock - currentFirstBlock) * HOP + EDGE_SAMPLES;
        return (int) (samples * 1000 / SAMPLE_RATE);
    }

    private static boolean standsOut(double[] power, int strongest) {
        for (int i = 0; i < power.length; i++) {
            if (i != strongest && power[i] * RELATIVE_PEAK > power[strongest]) {
                return false;
            }
        }
        return true;
    }

    private static int strongest(double[] power) {
        int best = 0;
        for (int i = 1; i < power.length; i++) {
            if (power[i] > power[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] coefficients(double[] frequencies) {
        double[] coefficients = new double[frequencies.length];
        for (int i = 0; i < frequencies.length; i++) {
            coefficients[i] = 2 * Math.cos(2 * Math.PI * frequencies[i] / SAMPLE_RATE);
        }
        return coefficients;
    }

    private static double dbToPower(double db) {
        return Math.pow(10, db / 10);
    }
}
