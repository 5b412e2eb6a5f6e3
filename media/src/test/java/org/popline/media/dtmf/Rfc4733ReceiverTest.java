package org.popline.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.media.rtp.RtpPacket;

class Rfc4733ReceiverTest {

    private static final int PT = 101;
    private static final long SSRC = 0x0E05384EL;

    private final Recorder recorder = new Recorder();
    private final Rfc4733Receiver receiver = new Rfc4733Receiver(PT, recorder);
    private int sequence = 1000;

    private RtpPacket packet(long ssrc, int payloadType, boolean marker, long timestamp,
                             int event, boolean end, int duration) {
        ByteBuffer buf = ByteBuffer.allocate(RtpPacket.HEADER_LENGTH + 4);
        buf.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) sequence++)
                .putInt((int) timestamp).putInt((int) ssrc)
                .put((byte) event).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) duration);
        return RtpPacket.parse(buf.flip()).orElseThrow();
    }

    private RtpPacket event(boolean marker, long timestamp, int event, boolean end, int duration) {
        return packet(SSRC, PT, marker, timestamp, event, end, duration);
    }

    /** One press as a well-behaved phone sends it: marker, updates every 20 ms, end three times. */
    private List<RtpPacket> press(long timestamp, int event, int updates) {
        List<RtpPacket> packets = new ArrayList<>();
        for (int i = 0; i < updates; i++) {
            packets.add(event(i == 0, timestamp, event, false, (i + 1) * 160));
        }
        for (int i = 0; i < 3; i++) {
            packets.add(event(false, timestamp, event, true, (updates + 1) * 160));
        }
        return packets;
    }

    private void feed(List<RtpPacket> packets) {
        packets.forEach(receiver::onPacket);
    }

    @Test
    void onePressIsOneDigitDeliveredOnItsFirstPacket() {
        List<RtpPacket> packets = press(16000, 5, 4);
        receiver.onPacket(packets.get(0));
        assertEquals("5", recorder.digitString());
        assertEquals(DtmfDigit.Source.RFC4733, recorder.digits.get(0).source());
        assertEquals(20, recorder.digits.get(0).durationMillis());
        assertTrue(recorder.ends.isEmpty());

        feed(packets.subList(1, packets.size()));
        assertEquals("5", recorder.digitString());
        assertEquals(List.of(new DtmfDigit('5', 100, DtmfDigit.Source.RFC4733)), recorder.ends);
    }

    @Test
    void missingMarkerBitStillStartsTheEvent() {
        feed(List.of(event(false, 800, 1, false, 160), event(false, 800, 1, false, 320),
                event(false, 800, 1, true, 480), event(false, 800, 1, true, 480)));
        assertEquals("1", recorder.digitString());
        assertEquals("1", recorder.endString());
    }

    @Test
    void endPacketsAloneGiveOneDigitWithTheFinalDuration() {
        feed(List.of(event(false, 4000, 9, true, 1280), event(false, 4000, 9, true, 1280),
                event(false, 4000, 9, true, 1280)));
        assertEquals("9", recorder.digitString());
        assertEquals(160, recorder.digits.get(0).durationMillis());
        assertEquals(List.of(new DtmfDigit('9', 160, DtmfDigit.Source.RFC4733)), recorder.ends);
    }

    @Test
    void reorderedPacketsOfOnePressGiveOneDigitAndTheLongestDuration() {
        List<RtpPacket> packets = press(2400, 3, 4);
        feed(List.of(packets.get(2), packets.get(5), packets.get(0), packets.get(6), packets.get(1),
                packets.get(3), packets.get(4)));
        assertEquals("3", recorder.digitString());
        assertEquals(List.of(new DtmfDigit('3', 100, DtmfDigit.Source.RFC4733)), recorder.ends);
    }

    @Test
    void latePacketsOfAnEarlierPressAreDropped() {
        List<RtpPacket> first = press(1600, 1, 3);
        List<RtpPacket> second = press(4800, 2, 3);
        feed(first.subList(0, 4));
        feed(second.subList(0, 2));
        feed(first.subList(4, 6));
        feed(second.subList(2, 6));
        assertEquals("12", recorder.digitString());
        assertEquals("12", recorder.endString());
    }

    @Test
    void twoPressesOfTheSameKeyAreTwoDigits() {
        feed(press(8000, 7, 4));
        feed(press(9600, 7, 4));
        assertEquals("77", recorder.digitString());
        assertEquals("77", recorder.endString());
    }

    @Test
    void aByteIdenticalReplayIsDropped() {
        List<RtpPacket> four = press(13280, 4, 6);
        List<RtpPacket> two = press(23200, 2, 6);
        feed(four);
        feed(four);
        feed(two);
        feed(four);
        assertEquals("42", recorder.digitString());
        assertEquals("42", recorder.endString());
    }

    @Test
    void aNewSsrcIsANewStream() {
        feed(press(13280, 4, 6).subList(0, 3));
        receiver.onPacket(packet(SSRC + 1, PT, true, 13280, 4, false, 160));
        assertEquals("44", recorder.digitString());
        assertEquals("4", recorder.endString(), "the first stream's press ends with its stream");
        assertEquals(60, recorder.ends.get(0).durationMillis());
    }

    @Test
    void aPressWhoseEndIsLostEndsWhenTheNextBegins() {
        feed(press(1600, 6, 5).subList(0, 5));
        feed(press(4800, 6, 2));
        assertEquals("66", recorder.digitString());
        assertEquals(List.of(new DtmfDigit('6', 100, DtmfDigit.Source.RFC4733),
                new DtmfDigit('6', 60, DtmfDigit.Source.RFC4733)), recorder.ends);
    }

    @Test
    void otherPayloadTypesShortPayloadsAndNonDtmfEventsAreIgnored() {
        receiver.onPacket(packet(SSRC, 0, true, 160, 5, true, 800));
        ByteBuffer shortPayload = ByteBuffer.allocate(RtpPacket.HEADER_LENGTH + 3)
                .put((byte) 0x80).put((byte) PT).putShort((short) 1).putInt(320).putInt((int) SSRC);
        receiver.onPacket(RtpPacket.parse(shortPayload.clear()).orElseThrow());
        feed(press(480, 16, 3));
        assertTrue(recorder.digits.isEmpty());
        feed(press(3200, 0, 3));
        assertEquals("0", recorder.digitString());
    }

    @Test
    void eventCodesMapToAllSixteenDigits() {
        for (int code = 0; code < 16; code++) {
            feed(press(1000L * (code + 1), code, 2));
        }
        assertEquals("0123456789*#ABCD", recorder.digitString());
        assertEquals("0123456789*#ABCD", recorder.endString());
    }

    @Test
    void aKeyHeldPastTheDurationFieldIsOnePress() {
        long start = 0xFFFF_FF00L;
        feed(List.of(event(true, start, 8, false, 160), event(false, start, 8, false, 65_000),
                event(false, start, 8, false, 0xFFFF)));
        long segment = (start + 0xFFFF) & 0xFFFFFFFFL;
        feed(List.of(event(false, segment, 8, false, 160), event(false, segment, 8, true, 8000),
                event(false, segment, 8, true, 8000)));
        assertEquals("8", recorder.digitString());
        assertEquals(List.of(new DtmfDigit('8', 0xFFFF / 8 + 1000, DtmfDigit.Source.RFC4733)), recorder.ends);
    }

    @Test
    void rejectsBadConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Receiver(128, recorder));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Receiver(101, null));
    }
}
