package org.popline.sip.testkit;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Makes hostile RTP and RTCP datagrams from a seed: well-formed packets (audio, telephone-event,
 * compound RTCP) broken in the ways that catch parsers out: bits flipped, cut short, other
 * versions, CSRC counts and header extensions longer than the packet, padding and RTCP lengths
 * that lie, telephone-event payloads of any shape, and plain noise. The same seed gives the same
 * datagrams.
 */
public final class RtpMutator {
    /** What a datagram was made as, for the run's tally. */
    public enum Kind {
        BIT_FLIPS, TRUNCATED, BAD_VERSION, HUGE_CSRC_COUNT, LYING_EXTENSION, LYING_PADDING, EVENT_GARBAGE,
        RTCP_LYING_LENGTH, RTCP_LYING_COUNT, RTCP_BIT_FLIPS, NOISE
    }

    private static final Kind[] KINDS = Kind.values();
    private static final int TELEPHONE_EVENT = 101;

    private final Random random;
    private Kind lastKind;

    public RtpMutator(long seed) {
        this.random = new Random(seed);
    }

    public Kind lastKind() {
        return lastKind;
    }

    /** The next datagram; RTCP kinds are meant for the RTCP port, the rest for the RTP port. */
    public byte[] next() {
        lastKind = KINDS[random.nextInt(KINDS.length)];
        return switch (lastKind) {
            case BIT_FLIPS -> flipBits(rtp());
            case TRUNCATED -> truncate(random.nextBoolean() ? rtp() : rtcp());
            case BAD_VERSION -> badVersion(random.nextBoolean() ? rtp() : rtcp());
            case HUGE_CSRC_COUNT -> hugeCsrcCount(rtp());
            case LYING_EXTENSION -> lyingExtension(rtp());
            case LYING_PADDING -> lyingPadding(rtp());
            case EVENT_GARBAGE -> eventGarbage();
            case RTCP_LYING_LENGTH -> rtcpLyingLength(rtcp());
            case RTCP_LYING_COUNT -> rtcpLyingCount(rtcp());
            case RTCP_BIT_FLIPS -> flipBits(rtcp());
            case NOISE -> noise();
        };
    }

    public static boolean isRtcp(Kind kind) {
        return kind.name().startsWith("RTCP");
    }

    private byte[] rtp() {
        int payloadLength = random.nextInt(4) == 0 ? random.nextInt(400) : 160;
        int payloadType = random.nextInt(3) == 0 ? TELEPHONE_EVENT : random.nextInt(3) == 0 ? random.nextInt(128) : 0;
        return rtpHeader(payloadType, payloadLength);
    }

    private byte[] rtpHeader(int payloadType, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadLength);
        b.put((byte) 0x80).put((byte) ((random.nextBoolean() ? 0x80 : 0) | payloadType))
                .putShort((short) random.nextInt(65536)).putInt(random.nextInt()).putInt(random.nextInt());
        byte[] payload = new byte[payloadLength];
        random.nextBytes(payload);
        return b.put(payload).array();
    }

    /** An SR with one report block, then SDES with a CNAME, sometimes a BYE and an APP. */
    private byte[] rtcp() {
        ByteBuffer b = ByteBuffer.allocate(200);
        int ssrc = random.nextInt();
        b.put((byte) 0x81).put((byte) 200).putShort((short) 12).putInt(ssrc);
        for (int i = 0; i < 5 + 6; i++) {
            b.putInt(random.nextInt());
        }
        byte[] cname = "fuzz@127.0.0.2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int sdesWords = (4 + 2 + cname.length + 1 + 3) / 4;
        b.put((byte) 0x81).put((byte) 202).putShort((short) sdesWords).putInt(ssrc)
                .put((byte) 1).put((byte) cname.length).put(cname).put((byte) 0);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
        if (random.nextBoolean()) {
            b.put((byte) 0x81).put((byte) 203).putShort((short) 1).putInt(ssrc);
        }
        if (random.nextBoolean()) {
            b.put((byte) 0x80).put((byte) 204).putShort((short) 2).putInt(ssrc).putInt(random.nextInt());
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private byte[] flipBits(byte[] packet) {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(packet.length * 8);
            packet[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return packet;
    }

    private byte[] truncate(byte[] packet) {
        return Arrays.copyOf(packet, random.nextInt(packet.length));
    }

    private byte[] badVersion(byte[] packet) {
        int[] versions = {0, 1, 3};
        packet[0] = (byte) ((packet[0] & 0x3F) | (versions[random.nextInt(3)] << 6));
        return packet;
    }

    private byte[] hugeCsrcCount(byte[] packet) {
        packet[0] = (byte) ((packet[0] & 0xF0) | (8 + random.nextInt(8)));
        return Arrays.copyOf(packet, 12 + random.nextInt(60));
    }

    private byte[] lyingExtension(byte[] packet) {
        packet[0] |= 0x10;
        if (packet.length >= 16) {
            int words = random.nextBoolean() ? 0xFFFF : random.nextInt(100);
            packet[14] = (byte) (words >> 8);
            packet[15] = (byte) words;
        }
        return packet;
    }

    private byte[] lyingPadding(byte[] packet) {
        packet[0] |= 0x20;
        packet[packet.length - 1] = (byte) random.nextInt(256);
        return packet;
    }

    /** Telephone-event payloads of any length, any event code, volume, duration and end bit. */
    private byte[] eventGarbage() {
        int length = random.nextInt(4) == 0 ? random.nextInt(12) : 4;
        byte[] packet = rtpHeader(TELEPHONE_EVENT, length);
        if (length >= 4) {
            packet[12] = (byte) (random.nextBoolean() ? random.nextInt(16) : random.nextInt(256));
            packet[13] = (byte) random.nextInt(256);
            int duration = random.nextBoolean() ? 0xFFFF : random.nextInt(65536);
            packet[14] = (byte) (duration >> 8);
            packet[15] = (byte) duration;
        }
        return packet;
    }

    private byte[] rtcpLyingLength(byte[] packet) {
        int at = random.nextBoolean() ? 0 : 52; // the SR's header, or the SDES packet's after it
        int words = random.nextBoolean() ? 0xFFFF : random.nextInt(64);
        packet[at + 2] = (byte) (words >> 8);
        packet[at + 3] = (byte) words;
        return packet;
    }

    private byte[] rtcpLyingCount(byte[] packet) {
        int at = random.nextBoolean() ? 0 : 52;
        packet[at] = (byte) ((packet[at] & 0xE0) | random.nextInt(32));
        return packet;
    }

    private byte[] noise() {
        byte[] packet = new byte[random.nextInt(1500)];
        random.nextBytes(packet);
        return packet;
    }
}
