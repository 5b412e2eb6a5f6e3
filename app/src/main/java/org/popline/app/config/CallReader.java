package org.popline.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.WavFile;

/** Reads the {@code call} section; files it names are relative to the configuration folder. */
final class CallReader {
    private CallReader() {
    }

    static CallConfig read(ConfigReader r, Path confDir) throws ConfigException {
        String voice = r.string("call.voice", "kevin");
        if (!voice.equals("kevin")) {
            throw r.error("call.voice", "unknown voice '" + voice + "' (available: kevin)");
        }
        int voiceInstances = r.integer("call.voice-instances", 4 * Runtime.getRuntime().availableProcessors(), 1, 256);
        String greeting = r.string("call.greeting", "Welcome to Popline.");
        if (greeting.isBlank()) {
            throw r.error("call.greeting", "must not be empty");
        }
        boolean interruptible = r.bool("call.greeting-interruptible", true);
        AudioClip music = audio(r, confDir, "call.music", r.string("call.music", "audio/hold-music.wav"));
        String afterGreeting = r.string("call.after-greeting", "music");
        if (!afterGreeting.equals("music") && !afterGreeting.equals("silence")) {
            throw r.error("call.after-greeting", "'" + afterGreeting + "' is neither music nor silence");
        }
        boolean inbandDtmf = r.bool("call.inband-dtmf", false);
        Duration answerDelay = r.duration("call.answer-after", Duration.ZERO, true);
        Duration maxDuration = r.duration("call.max-duration", Duration.ofHours(1), false);
        int maxCalls = r.integer("call.max-concurrent", 2000, 1, 100_000);
        String threads = r.string("call.flow-threads", "platform");
        if (!threads.equals("platform") && !threads.equals("virtual")) {
            throw r.error("call.flow-threads", "'" + threads + "' is neither platform nor virtual");
        }
        if (threads.equals("virtual") && Runtime.version().feature() < 21) {
            throw r.error("call.flow-threads", "virtual threads need Java 21 or later; this is Java "
                    + Runtime.version().feature());
        }
        String flow = r.string("call.flow", "flows/ms-dynamics.yaml");
        Path flowFile = flow.equals("greeting") ? null : confDir.resolve(flow);
        if (flowFile != null && !Files.isRegularFile(flowFile)) {
            throw r.error("call.flow", flowFile + ": file not found (a flow file, or greeting)");
        }
        return new CallConfig(voice, voiceInstances, greeting, interruptible, music, afterGreeting.equals("music"), inbandDtmf,
                answerDelay, maxDuration, maxCalls, threads.equals("virtual"), flowFile);
    }

    /** An audio file named relative to the configuration folder, loaded and checked now rather than mid-call. */
    private static AudioClip audio(ConfigReader r, Path confDir, String key, String relative) throws ConfigException {
        Path file = confDir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw r.error(key, file + ": file not found");
        }
        try {
            return WavFile.load(file);
        } catch (IOException e) {
            throw r.error(key, e.getMessage());
        }
    }
}
