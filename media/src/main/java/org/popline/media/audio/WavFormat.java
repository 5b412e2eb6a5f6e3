package org.popline.media.audio;

import java.util.Map;

/** What a WAV file's fmt chunk says about its samples. */
record WavFormat(int tag, int channels, int sampleRate, int bitsPerSample) {

    static final int PCM = 1;
    static final int ALAW = 6;
    static final int MULAW = 7;
    static final int EXTENSIBLE = 0xFFFE;

    private static final Map<Integer, String> NAMES = Map.of(
            PCM, "PCM",
            2, "MS ADPCM",
            3, "IEEE float",
            ALAW, "G.711 A-law",
            MULAW, "G.711 mu-law",
            0x11, "IMA ADPCM",
            0x31, "GSM 6.10",
            0x55, "MP3");

    boolean isPlayable() {
        boolean mono = channels == 1;
        boolean linear = tag == PCM && bitsPerSample == 16 && (sampleRate == 8000 || sampleRate == 16_000);
        boolean g711 = (tag == ALAW || tag == MULAW) && bitsPerSample == 8 && sampleRate == 8000;
        return mono && (linear || g711);
    }

    int bytesPerFrame() {
        return channels * ((bitsPerSample + 7) / 8);
    }

    /** As a user would say it, e.g. "44100 Hz 2-channel 16-bit PCM". */
    String describe() {
        String layout = channels == 1 ? "mono" : channels + "-channel";
        String name = NAMES.getOrDefault(tag, String.format("format tag 0x%04X", tag));
        return sampleRate + " Hz " + layout + " " + bitsPerSample + "-bit " + name;
    }
}
