package org.popline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.popline.queue.QueueOutlook;
import org.popline.queue.QueueRefusedException;
import org.popline.queue.QueueTicket;
import org.popline.queue.WaitingCallerView;
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

    @Test
    void roundRobinOffersTheAgentsInTurnAcrossTwoNodes() throws Exception {
        QueueSettings sales = queue("sales", Routing.ROUND_ROBIN);
        List<AgentProfile> staff = staff("sales", "r1", "r2", "r3");
        ClusterAcd n1 = node("n1", Duration.ofMillis(20), List.of(sales), staff);
        ClusterAcd n2 = node("n2", Duration.ofMillis(20), List.of(sales), staff);
        // r3 available longest: longest-available would start with r3, round-robin starts with r1
        n1.phoneRegistered("r3");
        await(() -> agent(n1, "r3").state() == AgentState.AVAILABLE, "r3 available");
        n1.phoneRegistered("r2");
        n2.phoneRegistered("r1");
        List<ClusterAcd> all = List.of(n1, n2);
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            await(() -> n1.agents().stream().allMatch(agent -> agent.state() == AgentState.AVAILABLE), "all three free");
            answered.add(all.get(i % 2).enqueue(caller("rr" + i), "sales", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(List.of("r1", "r2", "r3", "r1", "r2", "r3"), answered);
        assertEquals(List.of(), book.doubleBookings);
    }

    @Test
    void ringAllRingsEveryFreeAgentOnBothNodesAndTheFirstToAnswerTakesTheCaller() throws Exception {
        QueueSettings everyone = queue("everyone", Routing.RING_ALL);
        List<AgentProfile> staff = staff("everyone", "g1", "g2", "g3");
        ClusterAcd n1 = node("n1", null, List.of(everyone), staff);
        ClusterAcd n2 = node("n2", null, List.of(everyone), staff);
        n1.phoneRegistered("g1");
        n1.phoneRegistered("g2");
        n2.phoneRegistered("g3");
        await(() -> n2.agents().stream().allMatch(agent -> agent.state() == AgentState.AVAILABLE), "all three available");

        CompletableFuture<String> first = n1.enqueue(caller("all-1"), "everyone", 0).agentAnswered();
        await(() -> book.rings.size() == 3, () -> "all three rung: " + book.rings);
        assertEquals(Set.of("g1 all-1", "g2 all-1", "g3 all-1"), Set.copyOf(book.rings));
        assertEquals(Set.of("g1", "g2", "g3"), Set.copyOf(n2.queues().get(0).waiting().get(0).ringing()));
        assertTrue(n2.agents().stream().allMatch(agent -> agent.state() == AgentState.RESERVED), () -> "all reserved: " + n2.agents());
        dialer(n1).answer("g2", "all-1");
        assertEquals("g2", first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        await(() -> n2.agents().stream().allMatch(agent -> agent.state() == AgentState.AVAILABLE),
                () -> "the others' offers withdrawn and g2's call over: " + n2.agents());

        CompletableFuture<String> second = n2.enqueue(caller("all-2"), "everyone", 0).agentAnswered();
        await(() -> book.rings.size() == 6, () -> "all three rung again: " + book.rings);
        dialer(n2).answer("g3", "all-2");
        assertEquals("g3", second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        await(() -> n1.agents().stream().noneMatch(agent -> agent.state() == AgentState.RESERVED), () -> "no one left reserved: " + n1.agents());
        assertEquals(List.of(), book.doubleBookings);
        assertEquals("g2", book.answeredBy.get("all-1"));
        assertEquals(List.of(), n1.queues().get(0).waiting());
    }

    @Test
    void aWaitingCallerHearsAnEstimatedWaitFromTheClustersRecentCallsGrowingWithPosition() throws Exception {
        ClusterAcd n1 = node("n1", Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(60), List.of(SUPPORT), AGENTS);
        ClusterAcd n2 = node("n2", Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(60), List.of(SUPPORT), AGENTS);
        n1.phoneRegistered("a1");
        n2.phoneRegistered("a2");
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), n2.outlook("support", 0).estimatedWait(), "no estimate from " + i + " calls");
            n1.enqueue(caller("done" + i), "support", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            await(() -> n1.agents().stream().allMatch(agent -> agent.state() == AgentState.AVAILABLE), "the call is complete");
        }
        n1.notReady("a1", "meeting");
        n2.notReady("a2", "meeting");
        List<QueueTicket> tickets = List.of(n1.enqueue(caller("w1"), "support", 0), n2.enqueue(caller("w2"), "support", 0),
                n1.enqueue(caller("w3"), "support", 0));

        List<Integer> positions = tickets.stream().map(QueueTicket::position).toList();
        List<Duration> waits = tickets.stream().map(ticket -> ticket.estimatedWait().orElseThrow()).toList();
        assertEquals(List.of(1, 2, 3), positions);
        assertTrue(waits.get(0).compareTo(waits.get(1)) < 0 && waits.get(1).compareTo(waits.get(2)) < 0, "growing: " + waits);
        // 2 staffed agents: the second caller waits about one mean handle time, about the 60 ms talk
        assertTrue(waits.get(1).compareTo(Duration.ofMillis(40)) >= 0, "second caller: " + waits.get(1));
        QueueOutlook outlook = n2.outlook("support", 0);
        assertEquals(4, outlook.position());
        assertTrue(outlook.estimatedWait().orElseThrow().compareTo(waits.get(2)) > 0, "a newcomer waits longest: " + outlook);
    }

    @Test
    void aCallerQueuedForOneAgentIsOfferedOnlyToThatAgentOnAnotherNode() throws Exception {
        ClusterAcd n1 = node("n1", Duration.ofMillis(20));
        ClusterAcd n2 = node("n2", Duration.ofMillis(20));
        n1.phoneRegistered("a1");
        n2.phoneRegistered("a2");
        n2.notReady("a2", "break");
        CompletableFuture<String> forA2 = n1.enqueue(caller("for-a2"), "support", 0, Optional.of("a2")).agentAnswered();

        assertEquals("a1", n1.enqueue(caller("anyone"), "support", 0).agentAnswered().get(WAIT.toSeconds(), TimeUnit.SECONDS),
                "the caller behind, for anyone, is not held up");
        await(() -> agent(n1, "a1").state() == AgentState.AVAILABLE, "a1 free again");
        assertFalse(forA2.isDone());
        assertEquals(List.of("for-a2"), n2.queues().get(0).waiting().stream().map(WaitingCallerView::callId).toList());
        assertTrue(book.rings.stream().noneMatch(ring -> ring.endsWith(" for-a2")), "not offered to anyone else: " + book.rings);

        n2.ready("a2");
        assertEquals("a2", forA2.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of("a2 for-a2"), book.rings.stream().filter(ring -> ring.endsWith(" for-a2")).toList());
        assertThrows(QueueRefusedException.class, () -> n1.enqueue(caller("nobody"), "support", 0, Optional.of("a9")));
    }

    private static QueueSettings queue(String name, Routing routing) {
        return new QueueSettings(name, routing, 100, Duration.ofMinutes(2), Duration.ofSeconds(20), Duration.ZERO, Optional.empty());
    }

    /** Agents serving the queue, in configuration order. */
    private static List<AgentProfile> staff(String queue, String... ids) {
        return Arrays.stream(ids).map(id -> new AgentProfile(id, "Agent " + id, Set.of(queue))).toList();
    }

    private AnsweringDialer dialer(ClusterAcd node) {
        return dialers.get(nodes.indexOf(node));
    }

    private ClusterAcd node(String name, Duration answerAfter) {
        return node(name, answerAfter, Duration.ofMillis(200));
    }

    private ClusterAcd node(String name, Duration answerAfter, Duration tick) {
        return node(name, answerAfter, tick, Duration.ofMillis(30), List.of(SUPPORT), AGENTS);
    }

    private ClusterAcd node(String name, Duration answerAfter, List<QueueSettings> queues, List<AgentProfile> agents) {
        return node(name, answerAfter, Duration.ofMillis(200), Duration.ofMillis(30), queues, agents);
    }

    private ClusterAcd node(String name, Duration answerAfter, Duration tick, Duration talk, List<QueueSettings> queues,
            List<AgentProfile> agents) {
        AnsweringDialer dialer = new AnsweringDialer(book, answerAfter, talk);
        ClusterAcd acd = ClusterAcd.start(new ClusterSettings(redis.uri(), name, tick.multipliedBy(7).plusMillis(100), tick),
                queues, agents, dialer, Clock.systemUTC());
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
