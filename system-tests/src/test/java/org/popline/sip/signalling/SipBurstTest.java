package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.popline.sip.testkit.TestServer;

/**
 * A burst of requests sent faster than they are handled waits in the SIP socket's receive
 * buffer instead of being dropped by the kernel: JAIN-SIP's own 8 KB buffer held about a dozen
 * and lost INVITEs and BYEs whenever the server paused under load.
 */
class SipBurstTest {
    private static final int BURST = 1000;
    private static final Pattern ANSWERED = Pattern.compile("^SIP/2.0 200 .*?\\r?\\nCall-ID: (burst-\\d+)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    @Test
    void aBurstOfRequestsIsAnsweredInFull() throws Exception {
        try (TestServer popline = TestServer.start();
             DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // Our side must not drop the answers either.
            socket.setReceiveBufferSize(8 << 20);
            socket.setSoTimeout(10_000);
            Set<String> answered = ConcurrentHashMap.newKeySet();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[65536];
                try {
                    while (answered.size() < BURST) {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        Matcher m = ANSWERED.matcher(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
                        if (m.find()) {
                            answered.add(m.group(1));
                        }
                    }
                } catch (SocketTimeoutException e) {
                    // Nothing more is coming: the assertion below tells how many were answered.
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            String local = "127.0.0.1:" + socket.getLocalPort();
            for (int i = 0; i < BURST; i++) {
                byte[] options = ("OPTIONS sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP " + local
                        + ";branch=z9hG4bK-burst-" + i + "\r\nMax-Forwards: 70\r\nFrom: <sip:burst@127.0.0.1>;tag=b" + i
                        + "\r\nTo: <sip:ivr@127.0.0.1>\r\nCall-ID: burst-" + i + "\r\nCSeq: 1 OPTIONS\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), popline.sipPort));
            }
            reader.join(60_000);
            assertEquals(BURST, answered.size(), "OPTIONS answered out of a burst of " + BURST);
        }
    }
}
