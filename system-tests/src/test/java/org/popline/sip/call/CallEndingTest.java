package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/** Calls that end other than by the caller's BYE: CANCEL while ringing, maximum duration, shutdown. */
class CallEndingTest {

    @Test
    void cancelWhileRingingGets200AndThe487() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("call.answer-after", "5s"))) {
            Sipp.Result sipp = Sipp.scenario("cancel.xml").run(popline.sipPort, Duration.ofSeconds(15));
            assertTrue(sipp.ok(), sipp.output());
            popline.assertIdle();
        }
    }

    /** Seconds from dialling until Popline hung up on a caller who never hangs up and sends no RTP. */
    private static double secondsUntilPoplineHangsUp(Overrides overrides) throws Exception {
        try (TestServer popline = TestServer.start(overrides); RtpCapture rtp = new RtpCapture()) {
            long t0 = System.nanoTime();
            Sipp.Result sipp = Sipp.scenario("wait-for-bye.xml").key("rtpport", Integer.toString(rtp.port()))
                    .run(popline.sipPort, Duration.ofSeconds(15));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(sipp.ok(), "the caller got a BYE: " + sipp.output());
            popline.assertIdle();
            return seconds;
        }
    }

    @Test
    void poplineSendsByeWhenTheMaximumDurationIsReached() throws Exception {
        double seconds = secondsUntilPoplineHangsUp(new Overrides().set("call.max-duration", "2s"));
        assertTrue(seconds >= 2.0, "BYE came before the maximum duration: " + seconds);
    }

    @Test
    void poplineSendsByeWhenTheCallerSendsNoRtp() throws Exception {
        double seconds = secondsUntilPoplineHangsUp(new Overrides().set("rtp.timeout", "2s"));
        assertTrue(seconds >= 2.0 && seconds < 10, "BYE after the RTP timeout: " + seconds);
    }

    @Test
    void holdStopsOurRtpAndTheTimeoutUntilResumed() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("rtp.timeout", "2s"));
             RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("hold.xml").key("rtpport", Integer.toString(rtp.port()))
                    .pause(Duration.ofMillis(3500)).run(popline.sipPort, Duration.ofSeconds(20));
            assertTrue(sipp.ok(), "on hold longer than the RTP timeout, the call must stay up: " + sipp.output());
            var packets = rtp.packets();
            int resumedAt = -1;
            for (int i = 1; i < packets.size(); i++) {
                if (packets.get(i).arrivalNanos() - packets.get(i - 1).arrivalNanos() > 3_000_000_000L) {
                    resumedAt = i;
                }
            }
            assertTrue(resumedAt > 0, "a silent gap of the hold's length in our RTP");
            assertTrue(packets.get(resumedAt).marker(), "a new talkspurt after the hold");
            assertTrue(packets.size() - resumedAt > 10, "RTP flows again after resuming");
        }
    }

    @Test
    void shutdownEndsLiveCallsWithBye() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            TestServer popline = TestServer.start();
            CompletableFuture<Sipp.Result> caller = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.scenario("wait-for-bye.xml").key("rtpport", Integer.toString(rtp.port()))
                            .run(popline.sipPort, Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rtp.packets().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, popline.server.liveCalls());
            popline.close();
            Sipp.Result sipp = caller.get(30, TimeUnit.SECONDS);
            assertTrue(sipp.ok(), "the caller got a BYE: " + sipp.output());
            popline.assertIdle();
        }
    }
}
