package org.popline.app.config;

import java.nio.file.Path;
import java.time.Duration;
import org.popline.media.audio.AudioClip;

/**
 * The {@code call} section: what a caller hears and how long a call may take.
 *
 * @param voiceInstances     copies of the voice loaded, so many prompts can be synthesised at once
 *                           ({@code call.voice-instances}, default four per core)
 * @param music              music on hold, loaded and checked at start ({@code call.music})
 * @param musicAfterGreeting {@code call.after-greeting: music} rather than silence
 * @param answerDelay        time between 180 Ringing and 200 OK ({@code call.answer-after})
 * @param maxConcurrent      live calls at most; more get 503 ({@code call.max-concurrent})
 * @param virtualFlowThreads each call's flow on a virtual thread ({@code call.flow-threads: virtual}, Java 21+)
 *                           rather than on a platform thread of a pool
 * @param flowFile           the flow every call runs ({@code call.flow}); null for the greeting flow
 */
public record CallConfig(String voice, int voiceInstances, String greeting, boolean greetingInterruptible, AudioClip music,
        boolean musicAfterGreeting, boolean inbandDtmf, Duration answerDelay, Duration maxDuration, int maxConcurrent,
        boolean virtualFlowThreads, Path flowFile) {

    /** {@code call.flow: greeting}: the foundation's greeting-then-music flow instead of a flow file. */
    public boolean greetingFlow() {
        return flowFile == null;
    }
}
