package org.popline.sip.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A UDP socket owned by the test that stands where the caller's SDP says its media is, and records
 * every datagram with its arrival time, so that the test judges what Popline actually sent.
 */
public final class RtpCapture implements AutoCloseable {
    /** One received datagram, decoded as an RTP header. */
    public record Packet(long arrivalNanos, InetSocketAddress source, int payloadType, boolean marker, int sequence,
            long timestamp, long ssrc, byte[] payload) {
    }

    private final DatagramChannel channel;
    private final Thread reader;
    private final List<Packet> packets = new ArrayList<>();

    public RtpCapture() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", FreePorts.udpBlock(2)));
        channel.socket().setSoTimeout(200);
        reader = new Thread(this::read, "rtp-capture");
        reader.setDaemon(true);
        reader.start();
    }

    public int port() {
        return channel.socket().getLocalPort();
    }

    public DatagramChannel channel() {
        return channel;
    }

    private void read() {
        var socket = channel.socket();
        byte[] buf = new byte[2048];
        java.net.DatagramPacket dp = new java.net.DatagramPacket(buf, buf.length);
        while (!channel.socket().isClosed()) {
            try {
                socket.receive(dp);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            if (dp.getLength() < 12) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(buf, 0, dp.getLength());
            int b0 = b.get(0) & 0xff;
            int b1 = b.get(1) & 0xff;
            int cc = b0 & 0x0f;
            int headerLen = 12 + 4 * cc;
            byte[] payload = new byte[Math.max(0, dp.getLength() - headerLen)];
            System.arraycopy(buf, headerLen, payload, 0, payload.length);
            Packet p = new Packet(now, (InetSocketAddress) dp.getSocketAddress(), b1 & 0x7f, (b1 & 0x80) != 0,
                    b.getShort(2) & 0xffff, b.getInt(4) & 0xffffffffL, b.getInt(8) & 0xffffffffL, payload);
            synchronized (packets) {
                packets.add(p);
            }
        }
    }

    public List<Packet> packets() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
