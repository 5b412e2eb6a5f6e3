package org.popline.sip.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1 that are free right now, so that tests and a running Popline do not collide. */
public final class FreePorts {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private FreePorts() {
    }

    /**
     * A port free for both UDP and TCP, as SIP listens on both, with the next port free for TCP too:
     * baresip opens its TLS listener there, and a taken one stopped it from starting.
     */
    public static int sipPort() {
        for (int i = 0; i < 200; i++) {
            int p = ThreadLocalRandom.current().nextInt(30000, 40000);
            if (udpFree(p) && tcpFree(p) && tcpFree(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no free SIP port found");
    }

    /** The first port of a block of {@code size} consecutive free UDP ports, starting even. */
    public static int udpBlock(int size) {
        for (int i = 0; i < 200; i++) {
            int base = ThreadLocalRandom.current().nextInt(40000, 60000 - size) & ~1;
            boolean free = true;
            for (int p = base; p < base + size && free; p++) {
                free = udpFree(p);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP block of " + size + " found");
    }

    public static boolean udpFree(int port) {
        try (DatagramSocket s = new DatagramSocket(port, LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
