package org.popline.media.source;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.popline.media.codec.Codec;
import org.popline.media.tts.Prompt;

/** Plays a prompt from its cached encoding, so no frame is encoded on the clock thread. */
public final class PromptSource implements AudioSource {

    private final Prompt prompt;
    private Codec codec;
    private ByteBuffer encoded;

    public PromptSource(Prompt prompt) {
        this.prompt = prompt;
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        if (codec != this.codec) {
            int position = encoded == null ? 0 : encoded.position();
            encoded = prompt.encodedBuffer(codec);
            encoded.position(position);
            this.codec = codec;
        }
        int count = Math.min(encoded.remaining(), frame.length);
        if (count == 0) {
            return false;
        }
        encoded.get(frame, 0, count);
        Arrays.fill(frame, count, frame.length, codec.silence());
        return true;
    }
}
