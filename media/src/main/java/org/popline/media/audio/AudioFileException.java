package org.popline.media.audio;

import java.io.IOException;

/** An audio file Popline cannot play: not a WAV, damaged, or in a format it does not take. */
public final class AudioFileException extends IOException {

    public AudioFileException(String message) {
        super(message);
    }
}
