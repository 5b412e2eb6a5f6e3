package org.popline.sip.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.popline.app.ConfFolder;
import org.popline.app.PoplineServer;
import org.popline.app.config.ConfigLoader;
import org.popline.app.config.Overrides;

/**
 * A Popline started from the repository's own conf/ with free ports, as a user would: on 127.0.0.1
 * unless the overrides give {@code sip.bind-address} (another loopback address standing in for a LAN).
 */
public final class TestServer implements AutoCloseable {
    /** Where SIP, RTP and the agents' page listen. */
    public final String address;
    public final int sipPort;
    public final int rtpMin;
    public final int rtpMax;
    public final PoplineServer server;
    private final Path ownCdrFolder;

    private TestServer(String address, int sipPort, int rtpMin, int rtpMax, PoplineServer server, Path ownCdrFolder) {
        this.address = address;
        this.ownCdrFolder = ownCdrFolder;
        this.sipPort = sipPort;
        this.rtpMin = rtpMin;
        this.rtpMax = rtpMax;
        this.server = server;
    }

    public static Path confDir() {
        return ConfFolder.path();
    }

    /**
     * Starts with the given overrides on top of conf/, plus loopback and free ports. Unless the
     * overrides name a flow, calls run the greeting flow ({@code call.flow: greeting}): the SIP and
     * media tests check what a call hears against {@code call.greeting}, not against the CRM.
     */
    public static TestServer start(Overrides overrides) throws Exception {
        if (!overrides.has("call.flow")) {
            overrides.set("call.flow", "greeting");
        }
        Path ownCdrs = null;
        if (!overrides.has("cdr.folder")) {
            // Call records of test calls go to a folder of their own, not into the repository's var/.
            ownCdrs = Files.createTempDirectory("popline-cdr");
            overrides.set("cdr.folder", ownCdrs.toString());
        }
        if (!overrides.has("http.token-file")) {
            // So does the admin token: each test server makes its own.
            overrides.set("http.token-file", Files.createTempDirectory("popline-admin").resolve("admin-token").toString());
        }
        int sip = FreePorts.sipPort();
        int rtp = FreePorts.udpBlock(40);
        if (!overrides.has("sip.bind-address")) {
            overrides.set("sip.bind-address", "127.0.0.1");
        }
        overrides.set("sip.port", Integer.toString(sip))
                .set("rtp.ports", rtp + "-" + (rtp + 39))
                .set("http.port", "0")
                .set("desk.port", "0")
                .set("crm.emulator.port", "0");
        PoplineServer server = PoplineServer.start(ConfigLoader.load(confDir(), overrides));
        return new TestServer(server.config().sip().bindAddress().getHostAddress(), sip, rtp, rtp + 39, server,
                ownCdrs);
    }

    /** The admin API's bearer token, as an operator would read it: the variable if set, else the file. */
    public String adminToken() {
        String fromEnv = System.getenv(server.config().http().tokenVariable());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return Files.readString(server.config().http().tokenFile()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agents' page's root, {@code http://ADDRESS:PORT} or {@code https://...} when it is on TLS. */
    public String deskOrigin() {
        return (server.deskTls() ? "https" : "http") + "://" + server.config().desk().bindAddress().getHostAddress()
                + ":" + server.deskPort();
    }

    public static TestServer start() throws Exception {
        return start(new Overrides());
    }

    /** Nothing left behind once calls have ended: no live call, no open RTP port. */
    /** Waits (up to 15 s) for the last call to be gone: no live call, no open RTP port. */
    public void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while ((server.liveCalls() != 0 || server.openRtpPorts() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertIdle();
    }

    public void assertIdle() {
        if (server.liveCalls() != 0 || server.openRtpPorts() != 0) {
            throw new AssertionError("left behind: " + server.liveCalls() + " live calls, "
                    + server.openRtpPorts() + " open RTP ports");
        }
    }

    @Override
    public void close() {
        server.close();
        try {
            Path tokenFile = server.config().http().tokenFile();
            Files.deleteIfExists(tokenFile);
            if (tokenFile.getParent().getFileName().toString().startsWith("popline-admin")) {
                Files.deleteIfExists(tokenFile.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ownCdrFolder != null) {
            try (Stream<Path> files = Files.walk(ownCdrFolder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
