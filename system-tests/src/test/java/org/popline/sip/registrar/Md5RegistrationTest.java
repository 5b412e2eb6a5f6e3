package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Baresip;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Real phones that know only MD5 and answer only the first challenge (SIPp 3.6, baresip 1.0, as
 * Debian ships them) register with a server that offers MD5 alone ({@code sip.digest-algorithms:
 * md5}): they register, refresh, unregister and fail to register, and {@code /registrations} and the
 * registrar's listeners follow each step.
 */
class Md5RegistrationTest {
    private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(15);
    private static final String ADA_PASSWORD = "ada-lab-password";
    private static final String GRACE_PASSWORD = "grace-lab-password";
    private static TestServer popline;
    private static final ListenerEvents events = new ListenerEvents();

    @BeforeAll
    static void start() throws Exception {
        // Each test registers its own agent, so that no test sees another's listener events.
        popline = TestServer.start(new Overrides().set("sip.digest-algorithms", "md5")
                .set("registrar.min-expires", "2s")
                .set("agents.agent1.password", ADA_PASSWORD).set("agents.agent2.password", GRACE_PASSWORD)
                .set("agents.tcp.password", ADA_PASSWORD).set("agents.tcp.queues", "support")
                .set("agents.soft.password", GRACE_PASSWORD).set("agents.soft.queues", "support"));
        popline.server.registrar().addListener(events);
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    private static Sipp register(String scenario, String user, String password, String callId, String contact) {
        return Sipp.scenario(scenario).auth(user, password).key("user", user).callId(callId).key("contact", contact);
    }

    @Test
    void aPhoneRegistersRefreshesAndUnregistersWithMd5() throws Exception {
        String callId = "sipp-" + UUID.randomUUID();
        String contact = "sip:agent1@127.0.0.1:5099";
        Instant before = Instant.now();
        Sipp.Result registered = register("register.xml", "agent1", ADA_PASSWORD, callId, contact)
                .key("expires", "3600").baseCseq(1).run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(registered.ok(), registered.output());
        JsonNode bindings = Admin.bindings(popline, "agent1");
        assertEquals(1, bindings.size(), bindings.toString());
        JsonNode b = bindings.get(0);
        assertEquals(contact, b.path("contact").asText());
        assertEquals("udp", b.path("transport").asText());
        assertTrue(b.path("source").asText().startsWith("127.0.0.1:"), b.toString());
        assertEquals("SIPp", b.path("userAgent").asText());
        assertEquals(2, b.path("cseq").asLong(), "the authenticated REGISTER counts one above the challenged one");
        assertExpiresIn(b, before, Duration.ofHours(1));
        assertEquals("registered agent1", events.next("agent1", 5));

        Instant beforeRefresh = Instant.now();
        Sipp.Result refreshed = register("register.xml", "agent1", ADA_PASSWORD, callId, contact)
                .key("expires", "1800").baseCseq(3).run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(refreshed.ok(), refreshed.output());
        bindings = Admin.bindings(popline, "agent1");
        assertEquals(1, bindings.size(), "a refresh is the same binding: " + bindings);
        assertEquals(4, bindings.get(0).path("cseq").asLong());
        assertExpiresIn(bindings.get(0), beforeRefresh, Duration.ofMinutes(30));

        Sipp.Result unregistered = register("unregister.xml", "agent1", ADA_PASSWORD, callId, contact).baseCseq(5)
                .run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(unregistered.ok(), unregistered.output());
        assertEquals(0, Admin.bindings(popline, "agent1").size());
        assertEquals("unregistered agent1", events.next("agent1", 5));
        assertEquals(List.of(), popline.server.registrar().bindings("agent1"));
    }

    @Test
    void aPhoneRegistersOverTcp() throws Exception {
        String callId = "sipp-tcp-" + UUID.randomUUID();
        String contact = "sip:tcp@127.0.0.5:5099;transport=tcp";
        Sipp.Result registered = register("register.xml", "tcp", ADA_PASSWORD, callId, contact).tcp()
                .key("expires", "600").from("127.0.0.5").run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(registered.ok(), registered.output());
        Binding b = popline.server.registrar().bindings("tcp").get(0);
        assertEquals(contact, b.contact());
        assertEquals("tcp", b.transport());
        assertEquals("127.0.0.5", b.source().getAddress().getHostAddress());
        Sipp.Result unregistered = register("unregister.xml", "tcp", ADA_PASSWORD, callId, contact).tcp()
                .baseCseq(3).from("127.0.0.5").run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(unregistered.ok(), unregistered.output());
        assertEquals(List.of(), popline.server.registrar().bindings("tcp"));
    }

    @Test
    void baresipRegistersAndUnregistersWhenItStops() throws Exception {
        try (Baresip phone = Baresip.register("soft", GRACE_PASSWORD, popline.sipPort)) {
            assertEquals("registered soft", events.next("soft", 10), phone.output());
            JsonNode binding = Admin.bindings(popline, "soft").get(0);
            assertTrue(binding.path("userAgent").asText().startsWith("baresip"), binding.toString());
            phone.stop();
            assertEquals("unregistered soft", events.next("soft", 10),
                    "baresip unregisters on its way out: " + phone.output());
        }
    }

    @Test
    void aWrongPasswordGets403AndNoBinding() throws Exception {
        Sipp.Result refused = register("register-refused.xml", "agent2", "not-" + GRACE_PASSWORD,
                "sipp-" + UUID.randomUUID(), "sip:agent2@127.0.0.3:5099").from("127.0.0.3")
                .run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(refused.ok(), refused.output());
        assertEquals(0, Admin.bindings(popline, "agent2").size());
        assertEquals(0, Admin.get(popline, "/registrations").path("lockouts").size(), "one failure is no lockout");
    }

    @Test
    void aRegistrationEndsWhenItExpires() throws Exception {
        String contact = "sip:agent2@127.0.0.4:5099";
        Sipp.Result registered = register("register.xml", "agent2", GRACE_PASSWORD, "sipp-" + UUID.randomUUID(),
                contact).key("expires", "2").from("127.0.0.4").run(popline.sipPort, SIPP_TIMEOUT);
        assertTrue(registered.ok(), registered.output());
        assertEquals(contact, Admin.bindings(popline, "agent2").get(0).path("contact").asText());
        assertEquals("registered agent2", events.next("agent2", 5));
        assertEquals("unregistered agent2", events.next("agent2", 10), "the expiry timer ended the binding");
        assertEquals(0, Admin.bindings(popline, "agent2").size());
    }

    private static void assertExpiresIn(JsonNode binding, Instant from, Duration expires) {
        Instant expiresAt = Instant.parse(binding.path("expiresAt").asText());
        Instant earliest = from.plus(expires);
        assertTrue(!expiresAt.isBefore(earliest.minusSeconds(1)) && expiresAt.isBefore(earliest.plusSeconds(10)),
                "expires at " + expiresAt + ", expected about " + earliest);
    }
}
