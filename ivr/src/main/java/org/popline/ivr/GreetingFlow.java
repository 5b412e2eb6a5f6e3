package org.popline.ivr;

import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foundation's flow: speak the configured greeting (a key press cuts it short if so
 * configured), then keep the caller on the line, with music on hold or in silence, until they
 * hang up; the server's maximum call duration still applies. The flow engine replaces it.
 */
public final class GreetingFlow implements CallFlow {
    private static final Logger log = LoggerFactory.getLogger(GreetingFlow.class);

    private final String greeting;
    private final boolean interruptible;
    private final boolean musicAfter;

    public GreetingFlow(String greeting, boolean interruptible, boolean musicAfter) {
        this.greeting = greeting;
        this.interruptible = interruptible;
        this.musicAfter = musicAfter;
    }

    @Override
    public void run(Call call) throws InterruptedException {
        try {
            call.say(greeting, interruptible).get();
            log.info("greeting played");
            if (musicAfter) {
                call.playMusic();
            }
            call.ended().get();
        } catch (ExecutionException e) {
            log.warn("greeting failed: {}", e.getCause().toString());
            call.hangUp();
        }
    }
}
