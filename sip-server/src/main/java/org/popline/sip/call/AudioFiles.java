package org.popline.sip.call;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.WavFile;

/**
 * Audio files that flows play, named relative to the configuration folder and decoded once: a
 * prompt played to a thousand callers is read from disk once. A name may not leave the folder.
 */
public final class AudioFiles {
    private final Path folder;
    private final Map<String, AudioClip> loaded = new ConcurrentHashMap<>();

    public AudioFiles(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** Whether {@code name} is a readable file inside the folder (checked when a flow is loaded). */
    public boolean exists(String name) {
        Path file = resolve(name);
        return file != null && Files.isRegularFile(file) && Files.isReadable(file);
    }

    AudioClip clip(String name) throws IOException {
        Path file = resolve(name);
        if (file == null) {
            throw new IOException(name + ": outside the configuration folder");
        }
        AudioClip clip = loaded.get(name);
        if (clip == null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("no audio file '" + name + "' in " + folder);
            }
            clip = WavFile.load(file);
            loaded.putIfAbsent(name, clip);
        }
        return clip;
    }

    private Path resolve(String name) {
        Path file = folder.resolve(name).normalize();
        return file.startsWith(folder) ? file : null;
    }
}
