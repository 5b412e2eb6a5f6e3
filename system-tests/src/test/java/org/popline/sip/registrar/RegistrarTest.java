package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Digest;
import org.popline.sip.testkit.Phone;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.TestServer;

/**
 * REGISTER over real UDP from a phone written from the RFCs (RFC 3261 10, RFC 7616, RFC 8760),
 * against the default digest settings: SHA-256 offered first, then MD5. Each test registers its
 * own agent from its own address of 127.0.0.0/8, so that tests neither share bindings nor add up
 * failures towards a lockout.
 */
class RegistrarTest {
    private static final String PASSWORD = "raw-lab-password";
    private static final List<String> AGENTS = List.of("sha", "multi", "brief", "order", "bad", "alike", "own",
            "replay", "foreign", "proxied");
    private static TestServer popline;
    private static final ListenerEvents events = new ListenerEvents();

    @BeforeAll
    static void start() throws Exception {
        Overrides overrides = new Overrides();
        // Agents added on the command line, as --set agents.sha.password=... would.
        for (String agent : AGENTS) {
            overrides.set("agents." + agent + ".password", PASSWORD).set("agents." + agent + ".queues", "support");
        }
        overrides.set("sip.trusted-proxies", "127.0.0.30").set("registrar.allow-foreign-contacts", "127.0.0.40/30");
        popline = TestServer.start(overrides);
        popline.server.registrar().addListener(events);
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    private static Phone phone(String address, String agent) throws Exception {
        return new Phone(popline.sipPort, address, agent, PASSWORD);
    }

    /** Each contact of the response, whether in headers of their own or comma-separated in one. */
    private static List<String> contacts(String response) {
        List<String> out = new ArrayList<>();
        for (String header : RawSip.headers(response, "Contact")) {
            int start = 0;
            boolean inUri = false;
            for (int i = 0; i < header.length(); i++) {
                char c = header.charAt(i);
                inUri = c == '<' || (inUri && c != '>');
                if (c == ',' && !inUri) {
                    out.add(header.substring(start, i).trim());
                    start = i + 1;
                }
            }
            out.add(header.substring(start).trim());
        }
        return out;
    }

    @Test
    void aContactOnAnotherHostGets403AndNoBinding() throws Exception {
        try (Phone phone = phone("127.0.0.20", "foreign")) {
            for (String elsewhere : List.of("sip:foreign@127.0.0.21:5070", "sip:foreign@phone.example:5070",
                    "sip:foreign@127.0.0.44:5070")) {
                String refused = phone.register("Contact: <" + elsewhere + ">");
                assertEquals(403, RawSip.status(refused), refused);
                assertTrue(refused.contains("is not the address the REGISTER came from"), refused);
            }
            assertEquals(0, Admin.bindings(popline, "foreign").size());
            String allowed = phone.register("Contact: <sip:foreign@127.0.0.41:5070>");
            assertEquals(200, RawSip.status(allowed), "registrar.allow-foreign-contacts lets this network in: " + allowed);
            String own = phone.register("Contact: <" + phone.contact(5070) + ">");
            assertEquals(200, RawSip.status(own), own);
            assertEquals(2, Admin.bindings(popline, "foreign").size());
        }
    }

    @Test
    void aTrustedProxyWithPathMayRegisterAPhoneBehindIt() throws Exception {
        String behind = "Contact: <sip:proxied@127.0.0.22:5070>";
        String path = "Path: <sip:proxy@127.0.0.30;lr>";
        try (Phone untrusted = phone("127.0.0.23", "proxied")) {
            assertEquals(403, RawSip.status(untrusted.register(behind, path.replace("127.0.0.30", "127.0.0.23"))));
        }
        try (Phone proxy = phone("127.0.0.30", "proxied")) {
            assertEquals(403, RawSip.status(proxy.register(behind)), "without Path the proxy is just another phone");
            String ok = proxy.register(behind, path);
            assertEquals(200, RawSip.status(ok), ok);
        }
        assertEquals("sip:proxied@127.0.0.22:5070", Admin.bindings(popline, "proxied").get(0).path("contact").asText());
    }

    @Test
    void sha256IsOfferedFirstThenMd5AndAPhoneRegistersWithSha256() throws Exception {
        try (Phone phone = phone("127.0.0.11", "sha")) {
            String contact = "Contact: <" + phone.contact(5070) + ">";
            String challenge = phone.send(List.of(contact), null);
            assertEquals(401, RawSip.status(challenge), challenge);
            assertTrue(RawSip.header(challenge, "To").contains(";tag="), "a final response has a To tag");
            List<String> offers = RawSip.headers(challenge, "WWW-Authenticate");
            assertEquals(2, offers.size(), challenge);
            Map<String, String> sha = Digest.challenge(offers.get(0));
            Map<String, String> md5 = Digest.challenge(offers.get(1));
            assertEquals("SHA-256", sha.get("algorithm"));
            assertEquals("MD5", md5.get("algorithm"));
            for (Map<String, String> c : List.of(sha, md5)) {
                assertEquals("popline", c.get("realm"));
                assertEquals("auth", c.get("qop"));
                assertNull(c.get("stale"));
            }
            assertEquals(sha.get("nonce"), md5.get("nonce"), "one nonce, whichever algorithm the phone picks");

            String ok = phone.send(List.of(contact), phone.answer(challenge, 1));
            assertEquals(200, RawSip.status(ok), ok);
            assertEquals("SHA-256", phone.lastChallenge().get("algorithm"));
            assertEquals(List.of("<" + phone.contact(5070) + ">;expires=3600"), contacts(ok));
            assertNotNull(RawSip.header(ok, "Date"), "RFC 3261 10.3 step 8");
            assertEquals(phone.contact(5070), Admin.bindings(popline, "sha").get(0).path("contact").asText());
        }
    }

    @Test
    void aRegistrationThroughAProxyKeepsItsPathForTheInvitesToThePhone() throws Exception {
        try (Phone phone = phone("127.0.0.14", "proxied")) {
            String path = "<sip:127.0.0.1:5090;lr;received=sip:127.0.0.14:5070>";
            String ok = phone.register("Contact: <" + phone.contact(5070) + ">", "Path: " + path, "Supported: path");
            assertEquals(200, RawSip.status(ok), ok);
            assertEquals(List.of(path), RawSip.headers(ok, "Path"), "RFC 3327 5.3: the 200 returns the Path: " + ok);
            assertEquals(List.of(path), popline.server.registrar().bindings("proxied").get(0).path());
            assertEquals(path, Admin.bindings(popline, "proxied").get(0).path("path").get(0).asText());
        }
    }

    @Test
    void aPhoneKnowingOnlyMd5TakesTheSecondChallenge() throws Exception {
        try (Phone phone = phone("127.0.0.11", "sha").knowingOnly("MD5")) {
            String ok = phone.register("Contact: <" + phone.contact(5071) + ">");
            assertEquals(200, RawSip.status(ok), ok);
            assertEquals("MD5", phone.lastChallenge().get("algorithm"));
        }
    }

    @Test
    void anAgentHasSeveralContactsUntilContactStarRemovesThemAll() throws Exception {
        try (Phone desk = phone("127.0.0.12", "multi"); Phone mobile = phone("127.0.0.13", "multi")) {
            assertEquals(200, RawSip.status(desk.register("Contact: <" + desk.contact(5070) + ">")));
            assertEquals("registered multi", events.next("multi", 5));
            String ok = mobile.register("Contact: <" + mobile.contact(5070) + ">",
                    "Contact: <" + mobile.contact(5072) + ">;expires=600", "Expires: 1200");
            assertEquals(200, RawSip.status(ok), ok);
            assertEquals(3, contacts(ok).size(), "the 200 lists every binding of the agent: " + ok);
            assertTrue(contacts(ok).contains("<" + mobile.contact(5072) + ">;expires=600"), ok);
            assertTrue(contacts(ok).contains("<" + mobile.contact(5070) + ">;expires=1200"), ok);

            List<Binding> bindings = popline.server.registrar().bindings("multi");
            assertEquals(3, bindings.size());
            assertEquals(desk.contact(5070), bindings.get(2).contact(), "the dialer's list is most recent first");
            assertEquals("127.0.0.13", bindings.get(0).source().getAddress().getHostAddress());

            String query = desk.register();
            assertEquals(200, RawSip.status(query), "a REGISTER without Contact asks for the bindings");
            assertEquals(3, contacts(query).size(), query);

            String removed = mobile.register("Contact: *", "Expires: 0");
            assertEquals(200, RawSip.status(removed), removed);
            assertEquals(List.of(), contacts(removed));
            assertEquals(0, Admin.bindings(popline, "multi").size());
            assertEquals("unregistered multi", events.next("multi", 5));
        }
    }

    @Test
    void contactStarNeedsExpiresZeroAndStandsAlone() throws Exception {
        try (Phone phone = phone("127.0.0.12", "multi")) {
            assertEquals(400, RawSip.status(phone.register("Contact: *", "Expires: 3600")));
            assertEquals(400, RawSip.status(phone.register("Contact: *", "Contact: <" + phone.contact(5070) + ">",
                    "Expires: 0")));
        }
    }

    @Test
    void tooBriefIs423WithMinExpiresAndTooLongIsShortened() throws Exception {
        try (Phone phone = phone("127.0.0.14", "brief")) {
            String brief = phone.register("Contact: <" + phone.contact(5070) + ">", "Expires: 30");
            assertEquals(423, RawSip.status(brief), brief);
            assertEquals("60", RawSip.header(brief, "Min-Expires"));
            assertEquals(0, Admin.bindings(popline, "brief").size());

            String longer = phone.register("Contact: <" + phone.contact(5070) + ">", "Expires: 7200");
            assertEquals(List.of("<" + phone.contact(5070) + ">;expires=3600"), contacts(longer));

            String own = phone.register("Contact: <" + phone.contact(5070) + ">;expires=120", "Expires: 30");
            assertEquals(List.of("<" + phone.contact(5070) + ">;expires=120"), contacts(own),
                    "the Contact's expires wins over the Expires header");
        }
    }

    @Test
    void aRegisterOutOfOrderIs500AndChangesNothing() throws Exception {
        try (Phone phone = phone("127.0.0.15", "order")) {
            String contact = "Contact: <" + phone.contact(5070) + ">";
            String ok = phone.register(contact, "Expires: 600");
            assertEquals(200, RawSip.status(ok), ok);
            String challenge = phone.send(List.of(contact, "Expires: 0"), null);
            String late = phone.sendRaw(List.of(contact, "Expires: 0", "Authorization: "
                    + phone.answer(challenge, 1)), 2);
            assertEquals(500, RawSip.status(late), late);
            assertEquals(1, Admin.bindings(popline, "order").size(), "the binding is still there");
        }
    }

    @Test
    void malformedCredentialsAreRefusedAndTheServerKeepsServing() throws Exception {
        try (Phone phone = phone("127.0.0.16", "bad")) {
            String contact = "Contact: <" + phone.contact(5070) + ">";
            String uri = phone.requestUri();
            List<String> malformed = List.of(
                    "Digest username=",
                    "Digest username=\"bad\" realm=\"popline\"",
                    "Digest username=\"bad\", realm=\"popline\", nonce=\"x\", uri=\"" + uri + "\", response=\"zz\", "
                            + "qop=auth, nc=00000001, cnonce=\"c\"",
                    "Digest username=\"bad\", realm=\"popline\", nonce=\"x\", uri=\"" + uri + "\", response=\"00\", "
                            + "qop=auth, nc=00000001, cnonce=\"c\", algorithm=SHA-512-256");
            for (String authorization : malformed) {
                String r = phone.send(List.of(contact), authorization);
                assertEquals(400, RawSip.status(r), authorization + " got " + r);
            }
            assertEquals(0, Admin.bindings(popline, "bad").size());
            String ok = phone.register(contact);
            assertEquals(200, RawSip.status(ok), "the same phone, with good credentials: " + ok);
        }
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
        try (Phone stranger = new Phone(popline.sipPort, "127.0.0.17", "nobody", PASSWORD);
                Phone guesser = new Phone(popline.sipPort, "127.0.0.17", "alike", "wrong")) {
            String unknown = stranger.register("Contact: <" + stranger.contact(5070) + ">");
            String wrong = guesser.register("Contact: <" + guesser.contact(5070) + ">");
            assertEquals("SIP/2.0 403 Forbidden", unknown.lines().findFirst().orElseThrow());
            assertEquals(unknown.lines().findFirst(), wrong.lines().findFirst());
            assertEquals(headerNames(unknown), headerNames(wrong));
        }
    }

    @Test
    void anAgentMayRegisterOnlyTheirOwnAddress() throws Exception {
        try (Phone phone = phone("127.0.0.18", "own").registeringFor("sha")) {
            String r = phone.register("Contact: <" + phone.contact(5070) + ">");
            assertEquals(403, RawSip.status(r), r);
        }
    }

    @Test
    void aCapturedRequestCannotBeReplayedButThePhoneMayReuseItsNonce() throws Exception {
        try (Phone phone = phone("127.0.0.19", "replay")) {
            String contact = "Contact: <" + phone.contact(5070) + ">";
            String challenge = phone.send(List.of(contact), null);
            String captured = phone.answer(challenge, 1);
            assertEquals(200, RawSip.status(phone.send(List.of(contact), captured)));

            String replayed = phone.send(List.of(contact, "Expires: 0"), captured);
            assertEquals(401, RawSip.status(replayed), "the same nonce count again: " + replayed);
            String recounted = phone.send(List.of(contact, "Expires: 0"), captured.replace("nc=00000001", "nc=00000002"));
            assertEquals(403, RawSip.status(recounted), "the response is a hash over the count: " + recounted);
            assertEquals(1, Admin.bindings(popline, "replay").size(), "neither removed the binding");

            String reused = phone.send(List.of(contact, "Expires: 0"), phone.answer(challenge, 2));
            assertEquals(200, RawSip.status(reused), "the phone itself counts up (RFC 7616 3.4): " + reused);
            assertEquals(0, Admin.bindings(popline, "replay").size());
        }
    }

    private static List<String> headerNames(String response) {
        List<String> names = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.contains(":") && !line.startsWith("SIP/2.0")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }
}
