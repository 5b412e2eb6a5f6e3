package org.popline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.AgentView;
import org.popline.queue.Caller;
import org.popline.queue.QueueSettings;
import org.popline.queue.Routing;

/** Several ClusterAcd nodes in one JVM against a real redis-server of the test's own. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterAcdTest {
    private static final QueueSettings SUPPORT = new QueueSettings("support", Routing.LONGEST_AVAILABLE, 100,
            Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ZERO, Optional.empty());
    private static final List<AgentProfile> AGENTS = List.of(
            new AgentProfile("a1", "Agent One", Set.of("support")),
            new AgentProfile("a2", "Agent Two", Set.of("support")));
    private static final Duration WAIT = Duration.ofSeconds(40);

    private RedisServerProcess redis;
    private final List<ClusterAcd> nodes = new ArrayList<>();
    private final List<AnsweringDialer> dialers = new ArrayList<>();
    private final AnsweringDialer.Book book = new AnsweringDialer.Book();

    @BeforeEach
    void startRedis() throws Exception {
        redis = new RedisServerProcess();
    }

    @AfterEach
    void stopAll() throws Exception {
        nodes.forEach(ClusterAcd::close);
        dialers.forEach(AnsweringDialer::close);
        redis.close();
    }

    @Test
    void twoAgentsServeThirtyCallersOverThreeNodesWithNoDoubleOffer() throws Exception {
        ClusterAcd n1 = node("n1", Duration.ofMillis(20));
        ClusterAcd n2 = node("n2", Duration.ofMillis(20));
        ClusterAcd n3 = node("n3", Duration.ofMillis(20));
        n1.phoneRegistered("a1");
        n2.phoneRegistered("a2");
        List<ClusterAcd> all = List.of(n1, n2, n3);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            answers.add(all.get(i % 3).enqueue(caller("c" + i), "support", 0).agentAnswered());
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of(), book.doubleBookings);
        assertEquals(30, book.answeredBy.size());
        assertEquals(30, book.rings.size(), "every caller rung exactly once: " + book.rings);
        assertTrue(book.answeredBy.containsValue("a1") && book.answeredBy.containsValue("a2"), "both agents served");
        await(() -> n3.agents().stream().allMatch(agent -> agent.state() == AgentState.AVAILABLE), () -> "both agents free again: " + n3.agents());
        assertEquals(List.of(), n3.queues().get(0).waiting());
    }

    @Test
    void aKilledNodesReservationIsFreedWhenItsLeaseRunsOut() throws Exception {
        ClusterAcd survivor = node("survivor", Duration.ofMillis(20));
        ClusterAcd doomed = node("doomed", null);
        survivor.phoneRegistered("a1");
        doomed.enqueue(caller("held"), "support", 0);
        await(() -> agent(survivor, "a1").state() == AgentState.RESERVED, "a1 reserved for the doomed node's caller");

        doomed.halt();
        nodes.remove(doomed);

        await(() -> agent(survivor, "a1").state() == AgentState.AVAILABLE, "a1 freed once the doomed node's lease ran out");
        assertEquals(List.of(), survivor.queues().get(0).waiting(), "the dead node's caller is gone");
        String answered = survivor.enqueue(caller("next"), "support", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("a1", answered);
    }

    @Test
    void withoutRedisEachNodeServesItsOwnAgentsAndPutsTheSharedStateBackAfterwards() throws Exception {
        ClusterAcd n1 = node("n1", Duration.ofMillis(20));
        ClusterAcd n2 = node("n2", Duration.ofMillis(20));
        n1.phoneRegistered("a1");
        n2.phoneRegistered("a2");
        await(() -> n1.agents().stream().allMatch(agent -> agent.state() == AgentState.AVAILABLE), "both agents available");

        redis.stop();
        await(() -> !n1.shared() && !n2.shared(), "both nodes on their own");
        assertEquals("a1", n1.enqueue(caller("alone-1"), "support", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("a2", n2.enqueue(caller("alone-2"), "support", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        n1.notReady("a1", "lunch");

        redis.start();
        await(() -> n1.shared() && n2.shared(), "both nodes sharing again");
        await(() -> agent(n1, "a2").state() == AgentState.AVAILABLE, "n1 sees a2, whose phone registered on n2");
        AgentView a1 = agent(n2, "a1");
        assertEquals(AgentState.NOT_READY, a1.state(), "n2 sees the state a1 took while Redis was away");
        assertEquals(Optional.of("lunch"), a1.reason());
        assertEquals("a2", n1.enqueue(caller("across"), "support", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS),
                "n1's caller goes to n2's agent through Redis");
        assertFalse(book.rings.isEmpty());
        assertEquals(List.of(), book.doubleBookings);
    }

    @Test
    void anAgentFreedOnOneNodeIsOfferedAnotherNodesCallerWithoutWaitingForATick() throws Exception {
        Duration tick = Duration.ofSeconds(30);
        ClusterAcd holder = node("holder", Duration.ofMillis(20), tick);
        ClusterAcd home = node("home", Duration.ofMillis(20), tick);
        home.phoneRegistered("a1");
        home.notReady("a1", "break");
        CompletableFuture<String> answered = holder.enqueue(caller("waits"), "support", 0).agentAnswered();

        home.ready("a1");
        // a tick is 30 s away: only the notice Redis publishes can bring the offer this soon
        assertEquals("a1", answered.get(10, TimeUnit.SECONDS));
    }

    private ClusterAcd node(String name, Duration answerAfter) {
        return node(name, answerAfter, Duration.ofMillis(200));
    }

    private ClusterAcd node(String name, Duration answerAfter, Duration tick) {
        AnsweringDialer dialer = new AnsweringDialer(book, answerAfter, Duration.ofMillis(30));
        ClusterAcd acd = ClusterAcd.start(new ClusterSettings(redis.uri(), name, tick.multipliedBy(7).plusMillis(100), tick),
                List.of(SUPPORT), AGENTS, dialer, Clock.systemUTC());
        dialer.node(() -> acd);
        nodes.add(acd);
        dialers.add(dialer);
        return acd;
    }

    private static Caller caller(String callId) {
        return new Caller(callId, "+3312345" + callId.length(), Optional.empty(), Optional.empty());
    }

    private static AgentView agent(ClusterAcd node, String id) {
        return node.agents().stream().filter(agent -> agent.id().equals(id)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, () -> what);
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
