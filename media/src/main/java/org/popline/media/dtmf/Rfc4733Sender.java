package org.popline.media.dtmf;

import java.nio.ByteBuffer;

/**
 * The telephone-event payloads (RFC 4733) of one key press, one per 20 ms tick of the
 * media clock. Every packet of the press belongs under the same RTP timestamp, the one of
 * the tick that sent the first; the caller keeps that timestamp, as the payload does not
 * carry it. The first packet wants the marker bit. The duration grows by 160 samples a
 * packet; the last one, with the E bit and the final duration, goes out three times
 * (section 2.5.1.4), so losing one or two of them does not lose the end.
 *
 * <p>Made on the caller's thread, used on the clock thread: {@link #nextPacket} writes into
 * the caller's buffer and allocates nothing.
 */
public final class Rfc4733Sender {

    public static final int DEFAULT_VOLUME = 10;
    public static final int MIN_DURATION_MILLIS = 40;
    /** A longer press would need the segments of section 2.5.1.3; no key press is that long. */
    public static final int MAX_DURATION_MILLIS = 8000;

    static final int PAYLOAD_LENGTH = 4;
    static final int SAMPLES_PER_PACKET = 160;
    static final int END_REPEATS = 3;

    private final int payloadType;
    private final char digit;
    private final int event;
    private final int volume;
    private final int packetsBeforeEnd;
    private final int finalDuration;
    private int sent;

    public Rfc4733Sender(int payloadType, char digit, int durationMillis) {
        this(payloadType, digit, durationMillis, DEFAULT_VOLUME);
    }

    /**
     * @param durationMillis how long the key is held, rounded up to whole 20 ms packets
     * @param volume         power level of the tone in -dBm0, 0 to 63
     */
    public Rfc4733Sender(int payloadType, char digit, int durationMillis, int volume) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range 0-127: " + payloadType);
        }
        if (durationMillis < MIN_DURATION_MILLIS || durationMillis > MAX_DURATION_MILLIS) {
            throw new IllegalArgumentException("duration " + durationMillis + " ms is out of range "
                    + MIN_DURATION_MILLIS + "-" + MAX_DURATION_MILLIS + " ms");
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range 0-63: " + volume);
        }
        this.payloadType = payloadType;
        this.event = DtmfDigit.eventOf(digit);
        this.digit = Character.toUpperCase(digit);
        this.volume = volume;
        int packets = (durationMillis * Rfc4733Receiver.SAMPLES_PER_MILLI + SAMPLES_PER_PACKET - 1)
                / SAMPLES_PER_PACKET;
        this.packetsBeforeEnd = packets - 1;
        this.finalDuration = packets * SAMPLES_PER_PACKET;
    }

    public int payloadType() {
        return payloadType;
    }

    public char digit() {
        return digit;
    }

    /** Packets in all, the three copies of the end included: one per tick. */
    public int packetCount() {
        return packetsBeforeEnd + END_REPEATS;
    }

    public boolean isDone() {
        return sent == packetCount();
    }

    /**
     * Writes the next 4-byte payload at the buffer's position, advancing it.
     *
     * @return whether this packet takes the marker bit (only the first does)
     * @throws IllegalStateException once all packets have been written
     */
    public boolean nextPacket(ByteBuffer payload) {
        if (isDone()) {
            throw new IllegalStateException("all " + packetCount() + " packets of digit " + digit + " are sent");
        }
        boolean end = sent >= packetsBeforeEnd;
        int duration = end ? finalDuration : (sent + 1) * SAMPLES_PER_PACKET;
        payload.put((byte) event);
        payload.put((byte) ((end ? 0x80 : 0) | volume));
        payload.putShort((short) duration);
        return sent++ == 0;
    }
}
