package org.popline.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.popline.media.rtp.RtpPacket;

/** A test-owned UDP endpoint on loopback that collects RTP packets. */
final class RtpTestPeer implements AutoCloseable {

    /** A received packet, copied out of the receive buffer. */
    record Received(RtpPacket packet, byte[] payload, long arrivalNanos) {
    }

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);

    RtpTestPeer() throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Waits up to {@code timeoutMillis} for one packet; null if none came. */
    Received receiveWithin(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            buffer.clear();
            if (channel.receive(buffer) != null) {
                buffer.flip();
                byte[] copy = new byte[buffer.remaining()];
                buffer.get(copy);
                RtpPacket packet = RtpPacket.parse(copy, copy.length).orElseThrow();
                byte[] payload = new byte[packet.payloadLength()];
                packet.payload().get(payload);
                return new Received(packet, payload, System.nanoTime());
            }
            long remaining = (deadline - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                return null;
            }
            selector.select(remaining);
            selector.selectedKeys().clear();
        }
    }

    /** Receives until {@code count} packets came, or fails after a generous timeout. */
    List<Received> receive(int count) throws IOException {
        List<Received> out = new ArrayList<>();
        while (out.size() < count) {
            Received next = receiveWithin(5_000);
            if (next == null) {
                throw new AssertionError("only " + out.size() + " of " + count + " packets arrived");
            }
            out.add(next);
        }
        return out;
    }

    /** Reads and discards whatever is queued now. */
    int drainQueued() throws IOException {
        int drained = 0;
        buffer.clear();
        while (channel.receive(buffer) != null) {
            drained++;
            buffer.clear();
        }
        return drained;
    }

    void send(byte[] datagram, int port) throws IOException {
        channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress(LOOPBACK, port));
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
