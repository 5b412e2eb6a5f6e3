package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * The SIP torture test messages of RFC 4475, sent as UDP datagrams: each gets the one answer
 * expected of it (expectations.tsv: the response RFC 4475 and RFC 3261 call for, or where they
 * leave a choice, the one Popline makes; 180 for a valid INVITE, which rings; or no answer at all),
 * and the server serves a real call afterwards.
 */
class TortureMessagesTest {
    private static final Pattern TOP_VIA_SENT_BY = Pattern.compile(
            "(?im)^(?:via|v)[ \\t]*:[\\s]*SIP[\\s]*/[\\s]*\\d+\\.\\d+[\\s]*/[\\s]*([A-Z]+[\\s]+[^;,\\s]+(?:[ \\t]*:[ \\t]*\\d+)?)");
    private static final Pattern BRANCH = Pattern.compile("(?i)branch[ \\t]*=[ \\t]*([^;,\\s]+)");
    private static final Set<String> USED_BRANCHES = new HashSet<>();
    private static TestServer popline;

    @BeforeAll
    static void start() throws Exception {
        // Calls stay ringing, so nothing beyond responses to our own socket ever leaves the server.
        popline = TestServer.start(new Overrides().set("call.answer-after", "1h"));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    static Stream<Arguments> messages() throws IOException {
        List<Arguments> out = new ArrayList<>();
        String tsv = new String(resource("expectations.tsv"), StandardCharsets.UTF_8);
        for (String line : tsv.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(Arguments.of(f[0], f[2], f[3]));
        }
        return out.stream();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TortureMessagesTest.class.getResourceAsStream("/rfc4475/" + name)) {
            if (in == null) {
                throw new IOException("missing /rfc4475/" + name);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Points the top Via at our UDP socket (whatever transport and version it named) so that the
     * answer comes back to the test. Several RFC messages share a branch; a repeated branch is made
     * unique, or the server would rightly take it for a retransmission and answer the earlier sender.
     */
    private static byte[] routedTo(byte[] message, int port) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        Matcher m = TOP_VIA_SENT_BY.matcher(text);
        if (!m.find()) {
            return message;
        }
        String rest = text.substring(m.end(1));
        Matcher b = BRANCH.matcher(rest);
        if (b.find()) {
            // The stack matches branches case-insensitively, and a suffixed branch may itself be taken.
            String branch = b.group(1);
            String unique = branch;
            for (int n = 2; !USED_BRANCHES.add(unique.toLowerCase()); n++) {
                unique = branch + "-" + n;
            }
            rest = rest.substring(0, b.start(1)) + unique + rest.substring(b.end(1));
        }
        String rewritten = text.substring(0, m.start(1)) + "UDP 127.0.0.1:" + port + rest;
        return rewritten.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("messages")
    void answeredAsTheRfcExpects(String name, String expected, String why) throws Exception {
        try (RawSip sip = new RawSip(popline.sipPort)) {
            sip.send(routedTo(resource(name + ".sip"), sip.localPort()));
            // Wait for a final answer, or for ringing: valid INVITEs ring (the server answers after 1h).
            List<String> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + (expected.equals("drop") ? 1500 : 10_000);
            while (System.currentTimeMillis() < deadline && got.stream().noneMatch(r -> RawSip.status(r) >= 180)) {
                got.addAll(sip.receive(100));
            }
            got.forEach(r -> assertWellFormed(name, r));
            List<Integer> codes = got.stream().filter(r -> r.startsWith("SIP/2.0 ")).map(RawSip::status).toList();
            String detail = name + " (" + why + ") got " + codes;
            if (expected.equals("drop")) {
                assertTrue(codes.isEmpty(), detail);
            } else {
                int answer = codes.stream().filter(c -> c >= 180).findFirst().orElse(-1);
                assertEquals(Integer.parseInt(expected), answer, detail);
            }
        }
    }

    /** One printable status line, one header per line, the headers a client needs, an honest length. */
    private static void assertWellFormed(String name, String response) {
        int end = response.indexOf("\r\n\r\n");
        assertTrue(end > 0, name + ": no end of headers in " + response);
        String[] lines = response.substring(0, end).split("\r\n");
        assertTrue(lines[0].matches("SIP/2\\.0 [1-6]\\d\\d [\\x20-\\x7e]*"), name + ": status line " + lines[0]);
        List<String> names = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].matches("[A-Za-z0-9-]+:.*"), name + ": header line '" + lines[i] + "'");
            names.add(lines[i].substring(0, lines[i].indexOf(':')).toLowerCase());
        }
        for (String required : List.of("via", "cseq", "content-length")) {
            assertTrue(names.contains(required), name + ": no " + required + " in " + response);
        }
        String length = RawSip.header(response, "Content-Length");
        assertEquals(response.length() - end - 4, Integer.parseInt(length), name + ": Content-Length");
    }

    @Test
    void serverStillAnswersCallsAfterTheTortureMessages() throws Exception {
        for (Arguments a : messages().toList()) {
            try (RawSip sip = new RawSip(popline.sipPort)) {
                sip.send(routedTo(resource(a.get()[0] + ".sip"), sip.localPort()));
            }
        }
        Sipp.Result sipp = Sipp.scenario("cancel.xml").run(popline.sipPort, Duration.ofSeconds(15));
        assertTrue(sipp.ok(), sipp.output());
        try (RawSip sip = new RawSip(popline.sipPort)) {
            sip.send(sip.local("OPTIONS sip:ivr@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-after\n"
                    + "From: <sip:t@127.0.0.1>;tag=1\nTo: <sip:ivr@127.0.0.1>\nCall-ID: after-torture\n"
                    + "CSeq: 1 OPTIONS\nMax-Forwards: 70\nContent-Length: 0\n\n"));
            assertEquals(200, RawSip.status(sip.response(3000)));
        }
    }
}
