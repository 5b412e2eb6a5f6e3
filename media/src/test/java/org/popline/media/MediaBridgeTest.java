package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.audio.AudioClip;
import org.popline.media.source.ClipSource;

class MediaBridgeTest {

    private static final int CALLER_EVENT_PT = 101;
    private static final int AGENT_EVENT_PT = 96;

    private MediaEngine engine;
    private RtpTestPeer callerPhone;
    private RtpTestPeer agentPhone;

    @BeforeEach
    void setUp() throws IOException {
        engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46400, 46499);
        callerPhone = new RtpTestPeer();
        agentPhone = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        callerPhone.close();
        agentPhone.close();
    }

    private RtpSession leg(String callId, RtpTestPeer phone, Codec codec, int eventPt) throws IOException {
        RtpSession session = engine.openSession(callId);
        session.start(phone.address(), codec, eventPt);
        return session;
    }

    private record Bridged(RtpSession caller, RtpSession agent, MediaBridge bridge) {
    }

    /** A caller's and an agent's leg, bridged once the agent's phone has heard the last of the agent leg's own stream. */
    private Bridged bridgedQuietTowardsTheAgent(Codec callerCodec, Codec agentCodec, int agentEventPt) throws IOException {
        RtpSession caller = leg("caller", callerPhone, callerCodec, CALLER_EVENT_PT);
        RtpSession agent = leg("agent", agentPhone, agentCodec, agentEventPt);
        RtpTestPeer.Received seen = agentPhone.receive(1).get(0);
        MediaBridge bridge = MediaBridge.open(caller, agent);
        quiet(agentPhone, seen);
        return new Bridged(caller, agent, bridge);
    }

    /** Reads what the leg has sent since {@code seen}, until it goes quiet; returns the last packet. */
    private static RtpTestPeer.Received quiet(RtpTestPeer phone, RtpTestPeer.Received seen) throws IOException {
        RtpTestPeer.Received last = seen;
        for (RtpTestPeer.Received next; (next = phone.receiveWithin(150)) != null; ) {
            last = next;
        }
        return last;
    }

    /** A 20 ms frame of a 440 Hz tone, different for each frame number. */
    private static byte[] tone(Codec codec, int frame) {
        byte[] out = new byte[160];
        for (int i = 0; i < out.length; i++) {
            double t = (frame * 160 + i) / 8000.0;
            out[i] = codec.encode((short) (9000 * Math.sin(2 * Math.PI * 440 * t) + 37 * frame));
        }
        return out;
    }

    /** Both payloads, decoded, agree within G.711's quantisation (half a step of the coarser law). */
    private static void assertSameAudio(Codec sentCodec, byte[] sent, Codec receivedCodec, byte[] received) {
        assertEquals(sent.length, received.length);
        for (int i = 0; i < sent.length; i++) {
            int original = sentCodec.decode(sent[i]);
            int relayed = receivedCodec.decode(received[i]);
            int tolerance = 16 + Math.abs(original) / 16;
            assertTrue(Math.abs(original - relayed) <= tolerance,
                    "sample " + i + ": sent " + original + ", received " + relayed);
        }
    }

    private static void assertContinues(RtpTestPeer.Received before, RtpTestPeer.Received after) {
        assertEquals(before.packet().ssrc(), after.packet().ssrc(), "SSRC");
        assertEquals((before.packet().sequence() + 1) & 0xFFFF, after.packet().sequence(), "sequence");
        long step = (after.packet().timestamp() - before.packet().timestamp()) & 0xFFFFFFFFL;
        assertTrue(step >= 160 && step < 8000 * 10, "timestamp step " + step);
    }

    @Test
    void audioGoesOutOnTheOtherLegsOwnStream() throws IOException {
        RtpSession caller = leg("caller", callerPhone, Codec.PCMU, CALLER_EVENT_PT);
        RtpSession agent = leg("agent", agentPhone, Codec.PCMU, AGENT_EVENT_PT);
        RtpTestPeer.Received seen = agentPhone.receive(2).get(1);
        MediaBridge bridge = MediaBridge.open(caller, agent);
        RtpTestPeer.Received lastOwn = quiet(agentPhone, seen);

        PacedSender phone = new PacedSender(callerPhone, caller.localPort(), 0xCA11E4L, 40_000, 7_000_000);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(tone(Codec.PCMU, i));
            phone.sendAudio(0, sent.get(i), i == 0);
        }
        List<RtpTestPeer.Received> relayed = agentPhone.receive(10);

        RtpTestPeer.Received previous = lastOwn;
        for (int i = 0; i < 10; i++) {
            RtpTestPeer.Received packet = relayed.get(i);
            assertContinues(previous, packet);
            assertEquals(0, packet.packet().payloadType());
            assertArrayEquals(sent.get(i), packet.payload(), "payload " + i);
            assertEquals(i == 0, packet.packet().marker(), "marker on the first relayed packet only");
            if (i > 0) {
                assertEquals(160, (packet.packet().timestamp() - previous.packet().timestamp()) & 0xFFFFFFFFL,
                        "relayed timestamps keep the sender's spacing");
            }
            previous = packet;
        }
        // The count moves just after the send, so the packet can arrive a moment before it does.
        Await.until("10 counted", () -> bridge.packetsRelayed() == 10);
        assertTrue(caller.isBridged() && agent.isBridged());
    }

    @Test
    void pcmuIsTranscodedToPcma() throws IOException {
        Bridged legs = bridgedQuietTowardsTheAgent(Codec.PCMU, Codec.PCMA, AGENT_EVENT_PT);

        PacedSender phone = new PacedSender(callerPhone, legs.caller().localPort(), 1, 0, 0);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(tone(Codec.PCMU, i));
            phone.sendAudio(0, sent.get(i), i == 0);
        }
        List<RtpTestPeer.Received> relayed = agentPhone.receive(5);
        for (int i = 0; i < 5; i++) {
            assertEquals(8, relayed.get(i).packet().payloadType());
            assertSameAudio(Codec.PCMU, sent.get(i), Codec.PCMA, relayed.get(i).payload());
        }
    }

    @Test
    void bothDirectionsAtOnce() throws IOException {
        RtpSession caller = leg("caller", callerPhone, Codec.PCMA, CALLER_EVENT_PT);
        RtpSession agent = leg("agent", agentPhone, Codec.PCMU, AGENT_EVENT_PT);
        RtpTestPeer.Received seenByCaller = callerPhone.receive(1).get(0);
        RtpTestPeer.Received seenByAgent = agentPhone.receive(1).get(0);
        MediaBridge bridge = MediaBridge.open(caller, agent);
        RtpTestPeer.Received lastToCaller = quiet(callerPhone, seenByCaller);
        RtpTestPeer.Received lastToAgent = quiet(agentPhone, seenByAgent);
        long callerSsrc = seenByCaller.packet().ssrc();
        long agentSsrc = seenByAgent.packet().ssrc();

        PacedSender fromCaller = new PacedSender(callerPhone, caller.localPort(), 11, 100, 1000);
        PacedSender fromAgent = new PacedSender(agentPhone, agent.localPort(), 22, 200, 2000);
        List<byte[]> callerSaid = new ArrayList<>();
        List<byte[]> agentSaid = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            callerSaid.add(tone(Codec.PCMA, i));
            agentSaid.add(tone(Codec.PCMU, 100 + i));
            fromCaller.sendAudio(8, callerSaid.get(i), i == 0);
            fromAgent.sendAudio(0, agentSaid.get(i), i == 0);
        }
        List<RtpTestPeer.Received> heardByAgent = agentPhone.receive(20);
        List<RtpTestPeer.Received> heardByCaller = callerPhone.receive(20);
        for (int i = 0; i < 20; i++) {
            RtpTestPeer.Received toAgent = heardByAgent.get(i);
            RtpTestPeer.Received toCaller = heardByCaller.get(i);
            assertContinues(lastToAgent, toAgent);
            assertContinues(lastToCaller, toCaller);
            assertEquals(agentSsrc, toAgent.packet().ssrc());
            assertEquals(callerSsrc, toCaller.packet().ssrc());
            assertEquals(0, toAgent.packet().payloadType());
            assertEquals(8, toCaller.packet().payloadType());
            assertSameAudio(Codec.PCMA, callerSaid.get(i), Codec.PCMU, toAgent.payload());
            assertSameAudio(Codec.PCMU, agentSaid.get(i), Codec.PCMA, toCaller.payload());
            lastToAgent = toAgent;
            lastToCaller = toCaller;
        }
        Await.until("40 counted", () -> bridge.packetsRelayed() == 40);
    }

    @Test
    void telephoneEventsTakeTheOtherLegsPayloadType() throws IOException {
        Bridged legs = bridgedQuietTowardsTheAgent(Codec.PCMU, Codec.PCMU, AGENT_EVENT_PT);

        PacedSender phone = new PacedSender(callerPhone, legs.caller().localPort(), 5, 0, 0);
        phone.sendAudio(0, tone(Codec.PCMU, 0), true);
        phone.sendAudio(0, tone(Codec.PCMU, 1), false);
        long eventStart = phone.timestamp();
        // Digit 5, volume 10: three updates, then the end packet three times (RFC 4733 2.5.1.4).
        byte[][] events = {
            {5, 10, 0x01, (byte) 0x40}, {5, 10, 0x02, (byte) 0x80}, {5, 10, 0x03, (byte) 0xC0},
            {5, (byte) 0x8A, 0x04, 0x00}, {5, (byte) 0x8A, 0x04, 0x00}, {5, (byte) 0x8A, 0x04, 0x00},
        };
        for (int i = 0; i < events.length; i++) {
            phone.sendEvent(CALLER_EVENT_PT, eventStart, events[i], i == 0);
        }
        List<RtpTestPeer.Received> relayed = agentPhone.receive(2 + events.length);

        RtpTestPeer.Received lastAudio = relayed.get(1);
        for (int i = 0; i < events.length; i++) {
            RtpTestPeer.Received event = relayed.get(2 + i);
            assertEquals(AGENT_EVENT_PT, event.packet().payloadType());
            assertArrayEquals(events[i], event.payload());
            assertEquals(i == 0, event.packet().marker(), "marker on the event's first packet only");
            assertEquals((lastAudio.packet().sequence() + 1 + i) & 0xFFFF, event.packet().sequence());
            assertEquals((lastAudio.packet().timestamp() + 160) & 0xFFFFFFFFL, event.packet().timestamp(),
                    "every packet of the event carries its start, re-stamped into the agent leg's timeline");
        }
    }

    @Test
    void eventsAreDroppedForALegWithoutTelephoneEvent() throws IOException {
        Bridged legs = bridgedQuietTowardsTheAgent(Codec.PCMU, Codec.PCMU, RtpSession.NO_TELEPHONE_EVENT);

        PacedSender phone = new PacedSender(callerPhone, legs.caller().localPort(), 5, 0, 0);
        phone.sendEvent(CALLER_EVENT_PT, 0, new byte[] {1, 10, 0, (byte) 0xA0}, true);
        phone.sendEvent(13, 0, new byte[] {40}, false);
        Await.until("both dropped", () -> legs.bridge().packetsDropped() == 2);
        assertNull(agentPhone.receiveWithin(100));
        assertEquals(0, legs.bridge().packetsRelayed());
    }

    @Test
    void aPauseOnOneLegResumesAtWallClockTimeWithTheMarker() throws IOException {
        Bridged legs = bridgedQuietTowardsTheAgent(Codec.PCMU, Codec.PCMU, AGENT_EVENT_PT);

        PacedSender phone = new PacedSender(callerPhone, legs.caller().localPort(), 9, 0, 0);
        for (int i = 0; i < 5; i++) {
            phone.sendAudio(0, tone(Codec.PCMU, i), i == 0);
        }
        // A sloppy phone: it stops sending for 400 ms, then carries on as if no time had passed.
        phone.pause(20, false);
        for (int i = 5; i < 10; i++) {
            phone.sendAudio(0, tone(Codec.PCMU, i), false);
        }
        List<RtpTestPeer.Received> relayed = agentPhone.receive(10);
        RtpTestPeer.Received beforePause = relayed.get(4);
        RtpTestPeer.Received afterPause = relayed.get(5);
        assertContinues(beforePause, afterPause);
        assertTrue(afterPause.packet().marker(), "a new talkspurt after the pause");
        long jump = (afterPause.packet().timestamp() - beforePause.packet().timestamp()) & 0xFFFFFFFFL;
        assertTrue(jump >= 8 * 300, "the timestamp followed wall time through the pause: " + jump);
        for (int i = 6; i < 10; i++) {
            assertFalse(relayed.get(i).packet().marker());
            assertEquals(160, (relayed.get(i).packet().timestamp() - relayed.get(i - 1).packet().timestamp()) & 0xFFFFFFFFL);
        }
    }

    @Test
    void aLegOnHoldHearsNothingAndResumesWithANewTalkspurt() throws IOException {
        Bridged legs = bridgedQuietTowardsTheAgent(Codec.PCMU, Codec.PCMU, AGENT_EVENT_PT);

        PacedSender phone = new PacedSender(callerPhone, legs.caller().localPort(), 6, 0, 0);
        phone.sendAudio(0, tone(Codec.PCMU, 0), true);
        phone.sendAudio(0, tone(Codec.PCMU, 1), false);
        RtpTestPeer.Received beforeHold = agentPhone.receive(2).get(1);
        legs.agent().sending(false);
        for (int i = 2; i < 5; i++) {
            phone.sendAudio(0, tone(Codec.PCMU, i), false);
        }
        Await.until("held packets dropped", () -> legs.bridge().packetsDropped() == 3);
        assertNull(agentPhone.receiveWithin(50));
        legs.agent().sending(true);
        phone.sendAudio(0, tone(Codec.PCMU, 5), false);
        RtpTestPeer.Received resumed = agentPhone.receive(1).get(0);
        assertContinues(beforeHold, resumed);
        assertTrue(resumed.packet().marker());
        assertArrayEquals(tone(Codec.PCMU, 5), resumed.payload());
    }

    @Test
    void openingStopsWhatPlayedAndClosingGivesEachLegItsOwnStreamBack() throws Exception {
        RtpSession caller = leg("caller", callerPhone, Codec.PCMU, CALLER_EVENT_PT);
        RtpSession agent = leg("agent", agentPhone, Codec.PCMA, AGENT_EVENT_PT);
        CompletableFuture<Void> musicOnHold = caller.play(new ClipSource(new AudioClip(new short[8000 * 60])));
        RtpTestPeer.Received seenByCaller = callerPhone.receive(1).get(0);
        RtpTestPeer.Received seenByAgent = agentPhone.receive(1).get(0);
        MediaBridge bridge = MediaBridge.open(caller, agent);
        assertTrue(musicOnHold.isDone(), "music on hold stops when the agent is connected");
        RtpTestPeer.Received lastToCaller = quiet(callerPhone, seenByCaller);
        quiet(agentPhone, seenByAgent);

        PacedSender phone = new PacedSender(callerPhone, caller.localPort(), 3, 0, 0);
        for (int i = 0; i < 3; i++) {
            phone.sendAudio(0, tone(Codec.PCMU, i), i == 0);
        }
        RtpTestPeer.Received lastToAgent = agentPhone.receive(3).get(2);
        assertNull(callerPhone.receiveWithin(100), "a bridged leg's clock is silent");

        bridge.close();
        assertTrue(bridge.isClosed());
        assertFalse(caller.isBridged() || agent.isBridged());
        RtpTestPeer.Received ownToCaller = callerPhone.receive(1).get(0);
        RtpTestPeer.Received ownToAgent = agentPhone.receive(1).get(0);
        assertContinues(lastToCaller, ownToCaller);
        assertContinues(lastToAgent, ownToAgent);
        assertTrue(ownToCaller.packet().marker() && ownToAgent.packet().marker(), "a new talkspurt");
        assertEquals(Codec.PCMU.silence(), ownToCaller.payload()[0]);
        assertEquals(Codec.PCMA.silence(), ownToAgent.payload()[0]);
        assertContinues(ownToAgent, agentPhone.receive(1).get(0));

        phone.sendAudio(0, tone(Codec.PCMU, 3), false);
        assertEquals(3, bridge.packetsRelayed(), "nothing relayed after close");
        MediaBridge.open(caller, agent).close();
    }

    @Test
    void closingEitherSessionClosesTheBridge() throws IOException {
        RtpSession caller = leg("caller", callerPhone, Codec.PCMU, CALLER_EVENT_PT);
        RtpSession agent = leg("agent", agentPhone, Codec.PCMU, AGENT_EVENT_PT);
        RtpTestPeer.Received seen = callerPhone.receive(1).get(0);
        MediaBridge bridge = MediaBridge.open(caller, agent);
        RtpTestPeer.Received lastToCaller = quiet(callerPhone, seen);

        agent.close();
        assertTrue(bridge.isClosed());
        assertFalse(caller.isBridged());
        RtpTestPeer.Received own = callerPhone.receive(1).get(0);
        assertContinues(lastToCaller, own);
        assertTrue(own.packet().marker());
        assertThrows(IllegalStateException.class, () -> MediaBridge.open(caller, agent));
    }

    @Test
    void onlyStartedUnbridgedDistinctSessionsCanBeBridged() throws IOException {
        RtpSession caller = leg("caller", callerPhone, Codec.PCMU, CALLER_EVENT_PT);
        RtpSession agent = leg("agent", agentPhone, Codec.PCMU, AGENT_EVENT_PT);
        RtpSession unstarted = engine.openSession("unstarted");
        assertThrows(IllegalStateException.class, () -> MediaBridge.open(caller, unstarted));
        assertFalse(caller.isBridged(), "a failed open lets go of the first leg");
        assertThrows(IllegalArgumentException.class, () -> MediaBridge.open(caller, caller));
        try (MediaBridge bridge = MediaBridge.open(caller, agent)) {
            assertThrows(IllegalStateException.class, () -> MediaBridge.open(agent, caller));
            assertFalse(bridge.isClosed());
        }
        assertThrows(IllegalArgumentException.class,
                () -> unstarted.start(callerPhone.address(), Codec.PCMU, 0));
    }

    @Test
    void relayingAddsLittleDelay() throws IOException {
        Bridged legs = bridgedQuietTowardsTheAgent(Codec.PCMU, Codec.PCMU, AGENT_EVENT_PT);

        PacedSender phone = new PacedSender(callerPhone, legs.caller().localPort(), 4, 0, 0);
        int count = 100;
        long[] delays = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] frame = tone(Codec.PCMU, i);
            long sent = phone.sendAudio(0, frame, i == 0);
            RtpTestPeer.Received arrived = agentPhone.receive(1).get(0);
            assertArrayEquals(frame, arrived.payload());
            delays[i] = arrived.arrivalNanos() - sent;
        }
        Arrays.sort(delays);
        double medianMillis = delays[count / 2] / 1e6;
        double p95Millis = delays[count * 95 / 100] / 1e6;
        System.out.printf("Bridge delay over %d packets: median %.3f ms, 95th percentile %.3f ms%n",
                count, medianMillis, p95Millis);
        assertTrue(medianMillis < 20, "median delay " + medianMillis + " ms");
    }
}
