package org.popline.sip.testkit;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.popline.media.rtp.RtpPacketizer;

/** PCMU frames whose payload is one repeated byte, so that what crossed a bridge can be told apart. */
public final class MarkedFrames {
    private MarkedFrames() {
    }

    /** How many PCMU frames filled with {@code fill} the capture received. */
    public static long count(RtpCapture capture, byte fill) {
        byte[] expected = new byte[160];
        Arrays.fill(expected, fill);
        return capture.packets().stream()
                .filter(p -> p.payloadType() == 0 && Arrays.equals(p.payload(), expected)).count();
    }

    /** Sends {@code count} PCMU frames whose payload is filled with {@code fill}, 20 ms apart. */
    public static void send(RtpCapture from, InetSocketAddress to, int count, byte fill) throws Exception {
        RtpPacketizer packets = new RtpPacketizer(0x5eed0000L + fill, 1, 160);
        byte[] payload = new byte[160];
        Arrays.fill(payload, fill);
        ByteBuffer packet = ByteBuffer.allocate(1500);
        for (int i = 0; i < count; i++) {
            packet.clear();
            packets.write(packet, 0, payload, 0, payload.length, i == 0);
            packet.flip();
            from.channel().send(packet, to);
            packets.advance(160);
            Thread.sleep(20);
        }
    }
}
