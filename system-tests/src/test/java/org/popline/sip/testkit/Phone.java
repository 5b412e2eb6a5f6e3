package org.popline.sip.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A SIP phone made of raw datagrams that registers with digest authentication the way RFC 3261
 * and RFC 8760 describe: one Call-ID for all its REGISTERs, CSeq counting up, the first challenge
 * whose algorithm it knows answered. Messages are written out in full, so that tests can also
 * send what no real phone would.
 */
public final class Phone implements AutoCloseable {
    private static final long WAIT_MILLIS = 3000;

    private final RawSip sip;
    private final int serverPort;
    private final String user;
    private final String password;
    private final String callId;
    private final Random random = new Random();
    private long cseq = 1;
    private String addressOfRecord;
    private Set<String> knownAlgorithms = Set.of("MD5", "SHA-256");
    private Map<String, String> lastChallenge;

    /** A phone on {@code localAddress} (127.0.0.0/8) registering {@code user}. */
    public Phone(int serverPort, String localAddress, String user, String password) throws IOException {
        this.sip = new RawSip(serverPort, localAddress);
        this.serverPort = serverPort;
        this.user = user;
        this.password = password;
        this.callId = "phone-" + Long.toHexString(random.nextLong()) + "@" + localAddress;
        this.addressOfRecord = user;
    }

    /** Registers contacts for another user's address-of-record (To) while authenticating as our own user. */
    public Phone registeringFor(String otherUser) {
        addressOfRecord = otherUser;
        return this;
    }

    /** Make the phone know only this algorithm (as a phone without SHA-256 knows only MD5). */
    public Phone knowingOnly(String algorithm) {
        knownAlgorithms = Set.of(algorithm.toUpperCase());
        return this;
    }

    public String requestUri() {
        return "sip:127.0.0.1:" + serverPort;
    }

    /** Our own Contact URI on the given port (which need not be bound: nothing is sent to it here). */
    public String contact(int port) {
        return "sip:" + user + "@" + sip.localAddress() + ":" + port;
    }

    public String callId() {
        return callId;
    }

    public String user() {
        return user;
    }

    /** The challenge answered last. */
    public Map<String, String> lastChallenge() {
        return lastChallenge;
    }

    /**
     * Sends a REGISTER with these header lines (Contact, Expires, ...), answers the 401 and returns
     * the final response to the authenticated REGISTER (or the first response if it was no 401).
     */
    public String register(String... headerLines) throws IOException {
        String first = send(List.of(headerLines), null);
        if (RawSip.status(first) != 401) {
            return first;
        }
        return send(List.of(headerLines), answer(first, 1));
    }

    /** The Authorization value answering a 401 with the nonce count given. */
    public String answer(String unauthorized, int nonceCount) {
        lastChallenge = choose(RawSip.headers(unauthorized, "WWW-Authenticate"));
        return Digest.authorization(lastChallenge, user, password, "REGISTER", requestUri(), nonceCount,
                Long.toHexString(random.nextLong()));
    }

    /** One REGISTER (next CSeq, new branch) and its final response; null if none came. */
    public String send(List<String> headerLines, String authorization) throws IOException {
        List<String> lines = new ArrayList<>(headerLines);
        if (authorization != null) {
            lines.add("Authorization: " + authorization);
        }
        return sendRaw(lines, cseq++);
    }

    /** A REGISTER with the CSeq given, e.g. one lower than the last. */
    public String sendRaw(List<String> headerLines, long cseqNumber) throws IOException {
        StringBuilder m = new StringBuilder("REGISTER " + requestUri() + " SIP/2.0\n")
                .append("Via: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-").append(Long.toHexString(random.nextLong()))
                .append("\nMax-Forwards: 70\nFrom: <sip:").append(addressOfRecord).append("@127.0.0.1>;tag=ph")
                .append(Math.abs(callId.hashCode())).append("\nTo: <sip:").append(addressOfRecord).append("@127.0.0.1>")
                .append("\nCall-ID: ").append(callId).append("\nCSeq: ").append(cseqNumber).append(" REGISTER\n");
        for (String line : headerLines) {
            m.append(line).append('\n');
        }
        m.append("Content-Length: 0\n\n");
        sip.send(sip.local(m.toString()));
        return sip.response(WAIT_MILLIS);
    }

    /** RFC 8760 2.4: the first challenge in the server's order whose algorithm the phone knows. */
    private Map<String, String> choose(List<String> challenges) {
        for (String c : challenges) {
            Map<String, String> params = Digest.challenge(c);
            if (knownAlgorithms.contains(params.getOrDefault("algorithm", "MD5").toUpperCase())) {
                return params;
            }
        }
        throw new IllegalStateException("no challenge this phone can answer in " + challenges);
    }

    @Override
    public void close() {
        sip.close();
    }
}
