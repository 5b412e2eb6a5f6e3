package org.popline.sip.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.popline.app.config.Overrides;

/**
 * Agents and callers made of real SIPp processes: an agent's phone registering with digest auth,
 * a phone answering (or not) as a SIPp server, and a caller from a given number pressing a key.
 */
public final class Agents {
    /** The longest any one SIPp process of these may run. */
    public static final Duration RUN = Duration.ofSeconds(60);

    private Agents() {
    }

    /**
     * Popline running the reference flow with the given queue timings, its registrar answering MD5:
     * SIPp answers MD5 challenges only (SHA-256 is tested with a raw phone in the registrar tests), and
     * further configuration keys and values.
     */
    public static TestServer server(String ringTimeout, String wrapUp, String... keysAndValues) throws Exception {
        Overrides overrides = new Overrides().set("call.flow", "flows/ms-dynamics.yaml")
                .set("queues.support.ring-timeout", ringTimeout).set("queues.support.wrap-up", wrapUp)
                .set("sip.digest-algorithms", "md5");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            overrides.set(keysAndValues[i], keysAndValues[i + 1]);
        }
        return TestServer.start(overrides);
    }

    /** Registers an agent's phone at {@code phonePort} with its digest password; waits until the ACD sees it. */
    public static void register(TestServer popline, String agent, String password, int phonePort) throws Exception {
        Sipp.Result sipp = Sipp.scenario("register.xml").auth(agent, password).key("user", agent)
                .key("contact", "sip:" + agent + "@127.0.0.1:" + phonePort).key("expires", "300")
                .run(popline.sipPort, Duration.ofSeconds(10));
        if (!sipp.ok()) {
            throw new AssertionError("registration failed\n" + sipp.output());
        }
        awaitTrue(() -> "AVAILABLE".equals(state(popline, agent)), Duration.ofSeconds(15));
    }

    /** An agent's phone (SIPp as UAS) running {@code scenario} on {@code port} until it ends. */
    public static CompletableFuture<Sipp.Result> phone(String scenario, int port, int rtpPort, Duration pause) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.scenario(scenario).listenOn(port).key("rtpport", Integer.toString(rtpPort)).pause(pause)
                        .run(0, RUN);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A caller from {@code ani} whose media is at {@code rtpPort}, pressing {@code digit}, staying {@code stay}. */
    public static CompletableFuture<Sipp.Result> caller(TestServer popline, String scenario, String ani, String digit,
            int rtpPort, Duration stay) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.scenario(scenario).key("caller", ani).key("digit", digit)
                        .key("rtpport", Integer.toString(rtpPort)).pause(stay).run(popline.sipPort, RUN);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The agent's state as {@code GET /agents} shows it, with ":reason" when not ready. */
    public static String state(TestServer popline, String agent) {
        try {
            for (JsonNode a : Admin.get(popline, "/agents")) {
                if (a.path("id").asText().equals(agent)) {
                    return a.path("state").asText() + (a.path("reason").isTextual() ? ":" + a.path("reason").asText() : "");
                }
            }
            return "unknown";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
