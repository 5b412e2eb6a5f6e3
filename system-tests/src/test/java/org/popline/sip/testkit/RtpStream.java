package org.popline.sip.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.popline.media.dtmf.Rfc4733Sender;
import org.popline.media.rtp.RtpPacketizer;

/**
 * One RTP stream a test sends from a socket of its own: PCMU frames and RFC 4733 key presses
 * (payload type 101) with one SSRC and sequence numbers counting up, as a phone sends them.
 */
public final class RtpStream {
    private static final int FRAME = 160;

    private final DatagramChannel channel;
    private final InetSocketAddress to;
    private final RtpPacketizer packetizer;
    private final ByteBuffer datagram = ByteBuffer.allocate(12 + FRAME);

    public RtpStream(DatagramChannel channel, InetSocketAddress to, long ssrc, int firstSequence) {
        this.channel = channel;
        this.to = to;
        this.packetizer = new RtpPacketizer(ssrc, firstSequence, 0);
    }

    /** The next audio packet's bytes (silence), with the stream moved on by one frame. */
    public byte[] nextAudio() {
        byte[] silence = new byte[FRAME];
        java.util.Arrays.fill(silence, (byte) 0xFF);
        datagram.clear();
        packetizer.write(datagram, 0, silence, 0, FRAME, false);
        packetizer.advance(FRAME);
        byte[] out = new byte[datagram.position()];
        datagram.flip().get(out);
        return out;
    }

    /** Sends {@code count} audio packets, {@code gapMillis} apart. */
    public void sendAudio(int count, long gapMillis) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            channel.send(ByteBuffer.wrap(nextAudio()), to);
            if (gapMillis > 0) {
                Thread.sleep(gapMillis);
            }
        }
    }

    /** Sends one 100 ms key press as RFC 4733 events, 20 ms apart; returns how many packets. */
    public int pressKey(char digit) throws IOException, InterruptedException {
        Rfc4733Sender press = new Rfc4733Sender(101, digit, 100);
        long timestamp = packetizer.timestamp();
        byte[] payload = new byte[4];
        int sent = 0;
        while (!press.isDone()) {
            boolean marker = press.nextPacket(ByteBuffer.wrap(payload));
            datagram.clear();
            packetizer.writeAt(datagram, timestamp, 101, payload, 0, 4, marker);
            channel.send(datagram.flip(), to);
            sent++;
            Thread.sleep(20);
        }
        packetizer.advance(FRAME * sent);
        return sent;
    }
}
