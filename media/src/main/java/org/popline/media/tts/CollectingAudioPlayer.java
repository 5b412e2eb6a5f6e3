package org.popline.media.tts;

import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;
import org.popline.media.audio.Resampler;

/** A FreeTTS audio "player" that keeps the synthesised bytes instead of playing them. */
final class CollectingAudioPlayer implements AudioPlayer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format;

    /** The collected audio as 8 kHz mono 16-bit samples; clears the buffer. */
    short[] takeSamples() {
        if (format == null) {
            throw new IllegalStateException("FreeTTS produced no audio format");
        }
        byte[] raw = bytes.toByteArray();
        bytes.reset();
        short[] mono = PcmDecoder.toMono16(raw, raw.length, format);
        return Resampler.resample(mono, Math.round(format.getSampleRate()), 8000);
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
    public boolean write(byte[] audio, int offset, int length) {
        bytes.write(audio, offset, length);
        return true;
    }

    @Override
    public void cancel() {
        bytes.reset();
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
    public boolean end() {
        return true;
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
