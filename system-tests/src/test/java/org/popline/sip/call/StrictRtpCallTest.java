package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Await;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.RtpStream;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Strict RTP in a real call (SIPp signals, the test's sockets carry the media): whoever sprays a
 * call's RTP port is neither heard nor able to press keys, and a caller behind NAT is learnt
 * after the probation packets.
 */
class StrictRtpCallTest {
    private static final int PROBATION = 4;
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static TestServer popline;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("rtp.strict-probation", Integer.toString(PROBATION)));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    /** A SIPp call whose SDP names {@code sdpMedia}; returns once Popline's RTP arrives there. */
    private static CompletableFuture<Sipp.Result> call(RtpCapture sdpMedia, Duration length) throws Exception {
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.scenario("call.xml").key("rtpport", Integer.toString(sdpMedia.port())).key("pts", "0 101")
                        .pause(length).run(popline.sipPort, Duration.ofSeconds(40));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("Popline's RTP at the SDP's address", () -> sdpMedia.packets().size() >= 5 || call.isDone(),
                LIMIT);
        if (call.isDone()) {
            throw new AssertionError("the call ended before its media flowed: " + call.get().output());
        }
        return call;
    }

    @Test
    void aSprayerIsNotHeardCannotPressKeysAndIsCounted() throws Exception {
        try (RtpCapture caller = new RtpCapture();
             DatagramChannel sprayerElsewhere = DatagramChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
             DatagramChannel sprayerBeside = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture<Sipp.Result> call = call(caller, Duration.ofSeconds(7));
            InetSocketAddress poplineRtp = caller.packets().get(0).source();
            RtpStream callerStream = new RtpStream(caller.channel(), poplineRtp, 0xCA11, 1);
            callerStream.sendAudio(5, 20);
            long foreignBefore = popline.server.mediaForeignPackets();
            int heardBefore = caller.packets().size();
            long sprayStart = System.nanoTime();

            int sprayed = 0;
            for (DatagramChannel sprayer : List.of(sprayerElsewhere, sprayerBeside)) {
                RtpStream spray = new RtpStream(sprayer, poplineRtp, 0xBAD, 1000);
                for (int i = 0; i < 200; i++) {
                    sprayer.send(ByteBuffer.wrap(spray.nextAudio()), poplineRtp);
                    sprayed++;
                    if (i % 10 == 0) {
                        Thread.sleep(10);
                    }
                }
                sprayed += spray.pressKey('9');
            }
            callerStream.pressKey('5');
            long sprayNanos = System.nanoTime() - sprayStart;
            int total = sprayed;
            Await.until("every sprayed packet dropped",
                    () -> popline.server.mediaForeignPackets() - foreignBefore == total, LIMIT);

            List<RtpCapture.Packet> heard = caller.packets();
            List<RtpCapture.Packet> duringSpray = heard.subList(heardBefore, heard.size());
            long expectedFrames = TimeUnit.NANOSECONDS.toMillis(sprayNanos) / 20;
            assertTrue(duringSpray.size() >= expectedFrames / 2,
                    "the caller heard " + duringSpray.size() + " frames in " + expectedFrames + " frames' time");
            for (RtpCapture.Packet p : duringSpray) {
                assertEquals(heard.get(0).ssrc(), p.ssrc(), "one stream, Popline's own");
            }
            for (DatagramChannel sprayer : List.of(sprayerElsewhere, sprayerBeside)) {
                sprayer.configureBlocking(false);
                assertNull(sprayer.receive(ByteBuffer.allocate(2048)), "media sent to a sprayer");
            }
            Sipp.Result result = call.get(40, TimeUnit.SECONDS);
            assertTrue(result.ok(), result.output());
            assertEquals("5", Admin.lastCallDigits(popline), "only the caller's key counts");
            Await.until("call over, port freed",
                    () -> popline.server.liveCalls() == 0 && popline.server.openRtpPorts() == 0, LIMIT);
        }
    }

    @Test
    void aCallerBehindNatIsLearntAfterProbationWhenTheSdpAddressIsSilent() throws Exception {
        try (RtpCapture sdpAddress = new RtpCapture(); RtpCapture natted = new RtpCapture()) {
            CompletableFuture<Sipp.Result> call = call(sdpAddress, Duration.ofSeconds(5));
            InetSocketAddress poplineRtp = sdpAddress.packets().get(0).source();
            RtpStream nattedStream = new RtpStream(natted.channel(), poplineRtp, 0x0A7, 40);
            long foreignBefore = popline.server.mediaForeignPackets();

            nattedStream.sendAudio(PROBATION - 1, 20);
            Await.until("probation packets dropped",
                    () -> popline.server.mediaForeignPackets() - foreignBefore == PROBATION - 1, LIMIT);
            assertTrue(natted.packets().isEmpty(), "media sent to a source still on probation");

            nattedStream.sendAudio(1, 0);
            Await.until("media follows the learnt source", () -> natted.packets().size() >= 10, LIMIT);
            int atSdpAddress = sdpAddress.packets().size();
            nattedStream.sendAudio(10, 20);
            nattedStream.pressKey('8');
            assertTrue(sdpAddress.packets().size() <= atSdpAddress + 2, "media still going to the SDP's address");
            assertEquals(PROBATION - 1, popline.server.mediaForeignPackets() - foreignBefore,
                    "the learnt source's packets are taken");

            Sipp.Result result = call.get(40, TimeUnit.SECONDS);
            assertTrue(result.ok(), result.output());
            assertEquals("8", Admin.lastCallDigits(popline));
        }
    }
}
