package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.queue.AcdHarness.agent;
import static org.popline.queue.AcdHarness.caller;

import ch.qos.logback.classic.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Callers arriving and hanging up, phones answering, missing and refusing, agents taking breaks
 * and logging out, all on different threads at once; then checks that no agent was bridged twice,
 * every ticket ended, events came in order, and nothing is left ringing or waiting.
 */
class AcdStressTest {
    private static final int CALLER_THREADS = 3;
    private static final int CALLERS_PER_THREAD = 60;
    private static final int DESK_ACTIONS = 400;
    private static final long SETTLE_SECONDS = 30;

    private final ScheduledExecutorService acdTimers = Executors.newScheduledThreadPool(2);
    private final ScheduledExecutorService phones = Executors.newScheduledThreadPool(4);
    private final ExecutorService people = Executors.newFixedThreadPool(CALLER_THREADS + 1);
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private ch.qos.logback.classic.Logger acdLog;
    private Level acdLogLevel;

    @BeforeEach
    void quietEventLog() {
        acdLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Acd.class);
        acdLogLevel = acdLog.getLevel();
        acdLog.setLevel(Level.WARN);
    }

    @AfterEach
    void stop() {
        acdLog.setLevel(acdLogLevel);
        people.shutdownNow();
        phones.shutdownNow();
        acdTimers.shutdownNow();
    }

    /** Phones that end each ring at random, on their own threads, and hang up answered calls soon after. */
    private final class RandomPhones implements AgentDialer {
        private Acd acd;
        private final Set<String> bridged = ConcurrentHashMap.newKeySet();
        private final Map<String, Set<String>> answeredBy = new ConcurrentHashMap<>();
        private final AtomicInteger ringsGoingOn = new AtomicInteger();

        @Override
        public AgentOffer ring(String agentId, Caller caller, Duration ringTimeout) {
            CompletableFuture<RingResult> result = new CompletableFuture<>();
            ringsGoingOn.incrementAndGet();
            result.whenComplete((how, error) -> ringsGoingOn.decrementAndGet());
            int roll = ThreadLocalRandom.current().nextInt(100);
            RingResult how = roll < 60 ? RingResult.ANSWERED : roll < 75 ? RingResult.BUSY : RingResult.NO_ANSWER;
            // A quarter of the phones ring out; the rest end sooner.
            long after = roll % 4 == 0 ? 20 : ThreadLocalRandom.current().nextInt(4);
            phones.schedule(guarded(() -> end(agentId, caller, result, how)), after, TimeUnit.MILLISECONDS);
            return new AgentOffer() {
                @Override
                public CompletableFuture<RingResult> result() {
                    return result;
                }

                @Override
                public void cancel() {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        result.complete(RingResult.CANCELLED);
                    } else {
                        phones.execute(guarded(() -> result.complete(RingResult.CANCELLED)));
                    }
                }
            };
        }

        private void end(String agentId, Caller caller, CompletableFuture<RingResult> result, RingResult how) {
            if (how == RingResult.ANSWERED) {
                if (!result.complete(how)) {
                    return;
                }
                // The ACD has put the agent on the call by now; until callEnded it must not offer them another.
                check(bridged.add(agentId), "agent " + agentId + " answered while already bridged");
                answeredBy.computeIfAbsent(caller.callId(), call -> ConcurrentHashMap.newKeySet()).add(agentId);
                phones.schedule(guarded(() -> {
                    bridged.remove(agentId);
                    acd.callEnded(agentId);
                }), ThreadLocalRandom.current().nextInt(4), TimeUnit.MILLISECONDS);
            } else if (result.complete(how)) {
                phones.schedule(guarded(() -> pressReady(acd, agentId)), 1 + ThreadLocalRandom.current().nextInt(4),
                        TimeUnit.MILLISECONDS);
            }
        }

        boolean idle() {
            return ringsGoingOn.get() == 0 && bridged.isEmpty();
        }
    }

    @Test
    void concurrentCallersPhonesAndAgentsKeepTheInvariants() throws Exception {
        List<QueueSettings> queues = List.of(
                new QueueSettings("support", Routing.LONGEST_AVAILABLE, 1000, Duration.ofMillis(200), Duration.ofMillis(20),
                        Duration.ofMillis(1), Optional.empty()),
                new QueueSettings("sales", Routing.RING_ALL, 1000, Duration.ofMillis(200), Duration.ofMillis(20),
                        Duration.ofMillis(1), Optional.empty()));
        List<AgentProfile> agents = List.of(agent("a1", "support"), agent("a2", "support"), agent("a3", "support", "sales"),
                agent("a4", "sales"), agent("a5", "sales"));
        RandomPhones dialer = new RandomPhones();
        Acd acd = new Acd(queues, agents, dialer, Clock.systemUTC(), acdTimers);
        dialer.acd = acd;
        Map<String, AgentState> lastState = new ConcurrentHashMap<>();
        acd.addListener(event -> {
            if (event instanceof AgentEvent move) {
                AgentState before = lastState.put(move.agentId(), move.to());
                check(move.from() == (before == null ? AgentState.LOGGED_OUT : before),
                        "agent " + move.agentId() + " event out of order: " + before + " then " + move);
            }
        });
        agents.forEach(profile -> acd.phoneRegistered(profile.id()));

        Map<String, QueueTicket> tickets = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (int thread = 0; thread < CALLER_THREADS; thread++) {
            int t = thread;
            work.add(CompletableFuture.runAsync(() -> callers(acd, t, tickets), people));
        }
        work.add(CompletableFuture.runAsync(() -> agentDesks(acd), people));
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(SETTLE_SECONDS, TimeUnit.SECONDS);

        CompletableFuture.allOf(tickets.values().stream().map(ticket -> ticket.agentAnswered().handle((agent, error) -> null))
                .toArray(CompletableFuture[]::new)).get(SETTLE_SECONDS, TimeUnit.SECONDS);
        waitUntil(() -> dialer.idle() && acd.agents().stream()
                .noneMatch(agent -> agent.state() == AgentState.RESERVED || agent.state() == AgentState.ON_CALL),
                () -> "rings going on: " + dialer.ringsGoingOn + ", bridged: " + dialer.bridged + ", agents: " + acd.agents()
                        + ", failures: " + failures);

        assertEquals(CALLER_THREADS * CALLERS_PER_THREAD, tickets.size());
        int answered = 0;
        for (Map.Entry<String, QueueTicket> entry : tickets.entrySet()) {
            CompletableFuture<String> outcome = entry.getValue().agentAnswered();
            assertTrue(outcome.isDone());
            assertEquals(0, entry.getValue().position());
            if (!outcome.isCompletedExceptionally()) {
                answered++;
                String agentId = outcome.join();
                assertTrue(dialer.answeredBy.getOrDefault(entry.getKey(), Set.of()).contains(agentId),
                        () -> "call " + entry.getKey() + " went to " + agentId + ", whose phone never answered it");
            } else if (!outcome.isCancelled()) {
                ExecutionException thrown = assertThrows(ExecutionException.class, outcome::get);
                assertInstanceOf(QueueGaveUpException.class, thrown.getCause());
            }
        }
        assertTrue(answered > 0, "some calls were answered");
        acd.queues().forEach(queue -> assertEquals(List.of(), queue.waiting(), queue.name()));
        assertEquals(List.of(), List.copyOf(failures));
        acd.close();
    }

    private void callers(Acd acd, int thread, Map<String, QueueTicket> tickets) {
        Random random = new Random(thread);
        for (int i = 0; i < CALLERS_PER_THREAD; i++) {
            String callId = "t" + thread + "-" + i;
            try {
                QueueTicket ticket = acd.enqueue(caller(callId), random.nextBoolean() ? "support" : "sales", random.nextInt(3));
                tickets.put(callId, ticket);
                if (random.nextInt(5) == 0) {
                    phones.schedule(guarded(() -> ticket.agentAnswered().cancel(false)), random.nextInt(6), TimeUnit.MILLISECONDS);
                }
                Thread.sleep(random.nextInt(3));
            } catch (QueueRefusedException | RuntimeException e) {
                failures.add(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Agents taking breaks, coming back, and their phones dropping off and registering again. */
    private void agentDesks(Acd acd) {
        Random random = new Random(42);
        for (int i = 0; i < DESK_ACTIONS; i++) {
            String agentId = "a" + (1 + random.nextInt(5));
            int action = random.nextInt(10);
            if (action < 5) {
                pressReady(acd, agentId);
            } else if (action < 7) {
                loggedOutMayRefuse(() -> acd.notReady(agentId, "break"));
            } else if (action < 8) {
                acd.phoneUnregistered(agentId);
            } else {
                acd.phoneRegistered(agentId);
            }
            try {
                Thread.sleep(random.nextInt(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (int agent = 1; agent <= 5; agent++) {
            acd.phoneRegistered("a" + agent);
            pressReady(acd, "a" + agent);
        }
    }

    private void pressReady(Acd acd, String agentId) {
        loggedOutMayRefuse(() -> acd.ready(agentId));
    }

    /** Ready or not ready races with the phone unregistering; only that refusal is expected. */
    private void loggedOutMayRefuse(Runnable deskAction) {
        try {
            deskAction.run();
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("from LOGGED_OUT")) {
                failures.add(e);
            }
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** Exceptions on the phones' threads would vanish into their futures; this keeps them for the test. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        };
    }

    private void check(boolean holds, String failure) {
        if (!holds) {
            failures.add(new AssertionError(failure));
        }
    }

    private static void waitUntil(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "did not settle within " + SETTLE_SECONDS + " s; " + state.get());
            Thread.sleep(10);
        }
    }
}
