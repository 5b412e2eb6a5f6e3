package org.popline.media.tts;

import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.Resampler;

/**
 * A FreeTTS audio "player" that hands the synthesised audio on as 8 kHz mono 16-bit samples instead
 * of playing it. 8 kHz audio (the "kevin" voice) goes on piece by piece as FreeTTS writes it; other
 * rates are resampled a whole utterance (about a sentence) at a time, as the filter needs the
 * samples around each output sample.
 */
final class StreamingAudioPlayer implements AudioPlayer {

    private static final byte[] NO_BYTES = new byte[0];

    private final ByteArrayOutputStream utterance = new ByteArrayOutputStream();
    private AudioFormat format;
    private volatile Consumer<short[]> sink;
    private byte[] carry = NO_BYTES;
    private volatile RuntimeException failure;

    /** Where the audio of the coming utterances goes; null drops it. */
    void sendTo(Consumer<short[]> sink) {
        this.sink = sink;
        this.carry = NO_BYTES;
        this.failure = null;
        utterance.reset();
    }

    @Override
    public boolean write(byte[] audio, int offset, int length) {
        if (format == null) {
            throw new IllegalStateException("FreeTTS produced no audio format");
        }
        if (Math.round(format.getSampleRate()) != AudioClip.SAMPLE_RATE) {
            utterance.write(audio, offset, length);
            return true;
        }
        // FreeTTS writes whole samples, but a piece that splits one must not shift every later sample.
        if (carry.length == 0) {
            decodeWholeFrames(audio, offset, length);
        } else {
            byte[] joined = join(audio, offset, length);
            decodeWholeFrames(joined, 0, joined.length);
        }
        return true;
    }

    @Override
    public boolean end() {
        if (utterance.size() > 0) {
            byte[] raw = utterance.toByteArray();
            utterance.reset();
            short[] mono = PcmDecoder.toMono16(raw, raw.length, format);
            deliver(Resampler.resample(mono, Math.round(format.getSampleRate()), AudioClip.SAMPLE_RATE));
        }
        return true;
    }

    /** Hands on the whole frames and keeps the bytes of a split one for the next piece. */
    private void decodeWholeFrames(byte[] bytes, int offset, int length) {
        int whole = length - length % format.getFrameSize();
        carry = whole == length ? NO_BYTES : Arrays.copyOfRange(bytes, offset + whole, offset + length);
        deliver(PcmDecoder.toMono16(bytes, offset, whole, format));
    }

    private byte[] join(byte[] audio, int offset, int length) {
        byte[] bytes = Arrays.copyOf(carry, carry.length + length);
        System.arraycopy(audio, offset, bytes, carry.length, length);
        return bytes;
    }

    /**
     * FreeTTS writes from its own output thread, which an exception would end for good and leave the
     * voice waiting for it: a sink's failure is kept for {@link #failure()} and drops the rest instead.
     */
    private void deliver(short[] samples) {
        if (sink != null && failure == null && samples.length > 0) {
            try {
                sink.accept(samples);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }

    /** The sink's failure since {@link #sendTo}, if any. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public void setAudioFormat(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public boolean write(byte[] audio) {
        return write(audio, 0, audio.length);
    }

    @Override
    public void cancel() {
        utterance.reset();
        carry = NO_BYTES;
    }

    // FreeTTS calls the rest to pace a sound card; there is none here.

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void reset() {
    }

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void begin(int size) {
    }

    @Override
    public void close() {
    }

    @Override
    public float getVolume() {
        return 1.0f;
    }

    @Override
    public void setVolume(float volume) {
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {
    }

    @Override
    public void startFirstSampleTimer() {
    }

    @Override
    public void showMetrics() {
    }
}
