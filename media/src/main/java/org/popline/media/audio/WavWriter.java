package org.popline.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes mono 16-bit PCM as a canonical 44-byte-header WAV file, the form {@link WavFile} reads. */
public final class WavWriter {

    private static final int HEADER = 44;

    private WavWriter() {
    }

    public static void write(Path path, short[] pcm, int sampleRate) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(HEADER + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(HEADER - 8 + 2 * pcm.length);
        out.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        out.putShort((short) WavFormat.PCM).putShort((short) 1).putInt(sampleRate).putInt(2 * sampleRate);
        out.putShort((short) 2).putShort((short) 16);
        out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * pcm.length);
        out.asShortBuffer().put(pcm);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(path, out.array());
    }
}
