package org.popline.ivr;

import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foundation's flow: speak the configured greeting, then keep the caller on the line until
 * they hang up (the server's maximum call duration still applies). The flow engine replaces it.
 */
public final class GreetingFlow implements CallFlow {
    private static final Logger log = LoggerFactory.getLogger(GreetingFlow.class);

    private final String greeting;

    public GreetingFlow(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public void run(Call call) throws InterruptedException {
        try {
            call.say(greeting).get();
            log.info("greeting played");
            call.ended().get();
        } catch (ExecutionException e) {
            log.warn("greeting failed: {}", e.getCause().toString());
            call.hangUp();
        }
    }
}
