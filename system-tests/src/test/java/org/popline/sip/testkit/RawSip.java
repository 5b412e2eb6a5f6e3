package org.popline.sip.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends hand-made SIP datagrams (valid, broken or hostile) from a loopback socket and collects
 * what comes back, for the robustness tests that no well-behaved SIP client can produce.
 */
public final class RawSip implements AutoCloseable {
    private final DatagramSocket socket;
    private final int serverPort;

    public RawSip(int serverPort) throws IOException {
        this(serverPort, InetAddress.getLoopbackAddress().getHostAddress());
    }

    /** Sends from another address of 127.0.0.0/8, e.g. 127.0.0.2: a second phone, to the server a different source. */
    public RawSip(int serverPort, String localAddress) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getByName(localAddress));
        this.serverPort = serverPort;
    }

    public String localAddress() {
        return socket.getLocalAddress().getHostAddress();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /** Replaces {@code $LOCAL} with our address and port, so that responses come back to us. */
    public String local(String template) {
        return template.replace("$LOCAL", localAddress() + ":" + localPort()).replace("\n", "\r\n").replace("\r\r\n", "\r\n");
    }

    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    public void send(String message) throws IOException {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Every datagram received within the time given, as text. */
    public List<String> receive(long millis) throws IOException {
        List<String> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        byte[] buf = new byte[65536];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return out;
            }
            socket.setSoTimeout((int) left);
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            out.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
        }
    }

    /** The first final (non-1xx) response received within the time given, or null. */
    public String response(long millis) throws IOException {
        List<String> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            all.addAll(receive(Math.min(100, deadline - System.currentTimeMillis())));
            for (String m : all) {
                if (m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1")) {
                    return m;
                }
            }
        }
        return null;
    }

    public static int status(String response) {
        return response == null ? -1 : Integer.parseInt(response.substring(8, 11));
    }

    public static String header(String response, String name) {
        List<String> all = headers(response, name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every header line of that name, in order (e.g. the several WWW-Authenticate of a 401). */
    public static List<String> headers(String response, String name) {
        List<String> out = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                out.add(line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
