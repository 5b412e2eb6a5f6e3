package org.popline.sip.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.popline.app.config.Overrides;
import org.popline.cluster.RedisServerProcess;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.DeskClient;
import org.popline.sip.testkit.Phone;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.TestServer;

/**
 * Two whole Popline nodes sharing the registrar's security state and the ACD in a redis-server of
 * the test's own: phones answer one node's challenge to the other, a nonce count replayed to the
 * other node is refused, guesses spread over both nodes add up to one lockout (phones' and the agents'
 * page's, each their own), and with Redis
 * stopped each node still registers phones on its own. Node A knows an agent node B does not.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRegistrarTest {
    private static final String ADA = "lab-agent1-change-me";
    private static final String GRACE = "lab-agent2-change-me";
    private static final String SOLO = "solo-lab-password";
    private static RedisServerProcess redis;
    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() throws Exception {
        redis = new RedisServerProcess();
        a = node("node-a", new Overrides().set("agents.solo.password", SOLO).set("agents.solo.queues", "support"));
        b = node("node-b", new Overrides());
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        redis.close();
    }

    @Test
    @Order(1)
    void aChallengeFromOneNodeIsAnsweredToTheOtherAndItsCountCannotBeReplayedThere() throws Exception {
        try (Phone toA = new Phone(a.sipPort, "127.0.0.1", "agent1", ADA);
             Phone toB = new Phone(b.sipPort, "127.0.0.1", "agent1", ADA)) {
            String contact = "Contact: <" + toA.contact(5071) + ">";
            String challengeOfA = toA.send(List.of(contact), null);
            assertEquals(401, RawSip.status(challengeOfA), challengeOfA);
            String atB = toB.send(List.of(contact), toB.answer(challengeOfA, 1));
            assertEquals(200, RawSip.status(atB), "node B verifies node A's nonce: " + atB);

            String challenge = toA.send(List.of(contact), null);
            assertEquals(200, RawSip.status(toA.send(List.of(contact), toA.answer(challenge, 1))));
            String replayed = toB.send(List.of(contact), toB.answer(challenge, 1));
            assertEquals(401, RawSip.status(replayed), "nonce count 1 was used on node A: " + replayed);
            assertTrue(!RawSip.header(replayed, "WWW-Authenticate").contains("stale"),
                    "a replay is no stale nonce: " + replayed);
            assertEquals(200, RawSip.status(toB.send(List.of(contact), toB.answer(challenge, 2))),
                    "counting up on the other node is accepted");
        }
    }

    @Test
    @Order(2)
    void guessesOnBothNodesAddUpToOneLockout() throws Exception {
        try (Phone guessA = new Phone(a.sipPort, "127.0.0.3", "agent2", "guess");
             Phone guessB = new Phone(b.sipPort, "127.0.0.3", "agent2", "guess");
             Phone rightA = new Phone(a.sipPort, "127.0.0.3", "agent2", GRACE)) {
            String contact = "Contact: <" + guessA.contact(5072) + ">";
            assertEquals(403, RawSip.status(guessA.register(contact)));
            assertEquals(403, RawSip.status(guessB.register(contact)));
            assertEquals(403, RawSip.status(guessA.register(contact)));
            String beforeLimit = rightA.send(List.of(contact), null);
            assertEquals(401, RawSip.status(beforeLimit), "three failures are under the limit of four: " + beforeLimit);
            assertEquals(403, RawSip.status(guessB.register(contact)), "the fourth, on node B");

            String refused = rightA.send(List.of(contact), null);
            assertEquals(403, RawSip.status(refused), "node A refuses the address unchallenged: " + refused);
            JsonNode lockout = lockoutOf(a, "127.0.0.3");
            assertNotNull(lockout, Admin.get(a, "/registrations").toPrettyString());
            assertEquals(1, lockout.path("lockouts").asInt());
            assertNotNull(lockoutOf(b, "127.0.0.3"), "both nodes list it");
        }
    }

    @Test
    @Order(3)
    void wrongPasswordsOnBothNodesAgentsPagesAddUpToOneLockout() throws Exception {
        assertEquals(401, DeskClient.postLogin(a, "agent2", "guess-1").statusCode());
        assertEquals(401, DeskClient.postLogin(b, "agent2", "guess-2").statusCode());
        assertEquals(401, DeskClient.postLogin(a, "agent2", "guess-3").statusCode());
        assertEquals(401, DeskClient.postLogin(b, "agent2", "guess-4").statusCode(), "the fourth, on node B");
        HttpResponse<String> locked = DeskClient.postLogin(a, "agent2", GRACE);
        assertEquals(429, locked.statusCode(), "node A's page refuses even the right password: " + locked.body());
        assertNull(lockoutOf(a, "address 127.0.0.1"), "the page's lockouts are not the registrar's");
    }

    @Test
    @Order(4)
    void agentsListsTheWholeClusterWithTheNodeEachPhoneRegisteredThrough() throws Exception {
        try (Phone grace = new Phone(a.sipPort, "127.0.0.4", "agent2", GRACE);
             Phone solo = new Phone(a.sipPort, "127.0.0.4", "solo", SOLO)) {
            assertEquals(200, RawSip.status(grace.register("Contact: <" + grace.contact(5073) + ">")));
            assertEquals(200, RawSip.status(solo.register("Contact: <" + solo.contact(5074) + ">")));
        }
        JsonNode agentsOfB = Admin.get(b, "/agents");
        JsonNode graceOnB = agent(agentsOfB, "agent2");
        assertEquals("AVAILABLE", graceOnB.path("state").asText(), agentsOfB.toPrettyString());
        assertEquals("node-a", graceOnB.path("node").asText(), agentsOfB.toPrettyString());
        JsonNode soloOnB = agent(agentsOfB, "solo");
        assertNotNull(soloOnB, "an agent configured on node A only: " + agentsOfB.toPrettyString());
        assertEquals("AVAILABLE", soloOnB.path("state").asText());
        assertEquals("node-a", soloOnB.path("node").asText());
        assertEquals("support", soloOnB.path("queues").path(0).asText());
        assertEquals(0, Admin.get(b, "/registrations").path("agents").path("agent2").size(),
                "the phone is registered on node A only");
    }

    @Test
    @Order(5)
    void withRedisStoppedEachNodeStillRegistersPhonesOnItsOwn() throws Exception {
        redis.stop();
        try (Phone phone = new Phone(a.sipPort, "127.0.0.5", "agent1", ADA)) {
            String ok = phone.register("Contact: <" + phone.contact(5075) + ">");
            assertEquals(200, RawSip.status(ok), ok);
        }
        try (Phone phone = new Phone(b.sipPort, "127.0.0.5", "agent1", ADA)) {
            String ok = phone.register("Contact: <" + phone.contact(5076) + ">");
            assertEquals(200, RawSip.status(ok), ok);
        }
    }

    private static JsonNode agent(JsonNode agents, String id) {
        for (JsonNode agent : agents) {
            if (agent.path("id").asText().equals(id)) {
                return agent;
            }
        }
        return null;
    }

    private static JsonNode lockoutOf(TestServer node, String source) throws Exception {
        for (JsonNode lockout : Admin.get(node, "/registrations").path("lockouts")) {
            if (lockout.path("source").asText().equals(source)) {
                return lockout;
            }
        }
        return null;
    }

    private static TestServer node(String name, Overrides overrides) throws Exception {
        return TestServer.start(overrides.set("sip.digest-algorithms", "md5").set("node.name", name)
                .set("registrar.lockout-after", "4").set("cluster.redis", redis.uri().toString())
                .set("cluster.lease", "3s"));
    }
}
