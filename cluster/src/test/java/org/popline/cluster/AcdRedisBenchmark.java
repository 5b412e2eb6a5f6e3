package org.popline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.popline.queue.AgentProfile;
import org.popline.queue.QueueSettings;
import org.popline.queue.Routing;

/**
 * How many ACD scripts per second Redis runs on this machine, with the shared state of a large
 * contact center loaded: {@code bench.waiting} callers waiting (in a backlog queue) and
 * {@code bench.agents} agents. {@code bench.nodes} threads, each a node with its own connection and
 * queue, run full cycles (enqueue, match, answered, call ended) for {@code bench.seconds}.
 * Not part of the test suite (no *Test name): run by bench/acd-redis.sh.
 */
class AcdRedisBenchmark {
    private static final int SCRIPTS_PER_CYCLE = 4;

    @Test
    void acdOperationsPerSecond() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 10);
        int nodes = Integer.getInteger("bench.nodes", 8);
        int agentCount = Integer.getInteger("bench.agents", 2000);
        int waiting = Integer.getInteger("bench.waiting", 20_000);
        List<QueueSettings> queues = new ArrayList<>();
        queues.add(queue("backlog"));
        for (int n = 0; n < nodes; n++) {
            queues.add(queue("q" + n));
        }
        try (RedisServerProcess redis = new RedisServerProcess()) {
            long loadStart = System.nanoTime();
            try (RedisLink link = new RedisLink(redis.uri())) {
                SharedAcdState loader = new SharedAcdState(link, "loader", queues, List.of());
                loader.tick(Duration.ofHours(1), true);
                for (int i = 0; i < waiting; i++) {
                    loader.enqueue("backlog-" + i, "backlog", i % 3, waiting + 1, "+1555" + i, Optional.empty());
                }
                for (int a = 0; a < agentCount; a++) {
                    loader.agent("register", agent(a, nodes), null, Duration.ZERO);
                }
            }
            System.out.printf("loaded %d waiting callers and %d agents in %d ms%n", waiting, agentCount,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart));

            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            List<Future<long[]>> results = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int n = 0; n < nodes; n++) {
                int node = n;
                results.add(pool.submit((Callable<long[]>) () -> cycles(redis, queues, node, nodes, agentCount, deadline)));
            }
            long cycles = 0;
            List<Long> latencies = new ArrayList<>();
            for (Future<long[]> result : results) {
                long[] r = result.get(seconds + 60L, TimeUnit.SECONDS);
                cycles += r[0];
                for (int i = 1; i < r.length; i++) {
                    latencies.add(r[i]);
                }
            }
            pool.shutdownNow();
            latencies.sort(null);
            double perSecond = cycles / (double) seconds;
            System.out.printf("%d nodes, %d s: %d cycles = %.0f cycles/s, %.0f ACD scripts/s; cycle p50 %.2f ms, p99 %.2f ms%n",
                    nodes, seconds, cycles, perSecond, perSecond * SCRIPTS_PER_CYCLE,
                    latencies.get(latencies.size() / 2) / 1e6, latencies.get(latencies.size() * 99 / 100) / 1e6);
            assertTrue(cycles > 0, "no cycle completed");
        }
    }

    /** One node: enqueue a caller, match it to one of its agents, answer, end the call; as often as it can. */
    private static long[] cycles(RedisServerProcess redis, List<QueueSettings> queues, int node, int nodes, int agentCount,
            long deadline) {
        List<Long> samples = new ArrayList<>();
        long count = 0;
        try (RedisLink link = new RedisLink(redis.uri())) {
            SharedAcdState state = new SharedAcdState(link, "bench-" + node, queues.subList(node + 1, node + 2), List.of());
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                String call = "n" + node + "-" + count;
                assertEquals("ok", state.enqueue(call, "q" + node, 0, 1000, "+15550100", Optional.empty()).code());
                AcdScripts.Outcome offer = state.match();
                assertEquals("offer", offer.code(), "node " + node + " has agents of its own");
                String agentId = offer.value(1);
                assertEquals("ok", state.offerEnded(agentId, call, "answered").code());
                assertEquals("ok", state.agent("callended", agent(Integer.parseInt(agentId.substring(1)), nodes), null,
                        Duration.ZERO).code());
                count++;
                if (count % 16 == 0) {
                    samples.add(System.nanoTime() - t0);
                }
            }
        }
        long[] out = new long[samples.size() + 1];
        out[0] = count;
        for (int i = 0; i < samples.size(); i++) {
            out[i + 1] = samples.get(i);
        }
        return out;
    }

    private static QueueSettings queue(String name) {
        return new QueueSettings(name, Routing.LONGEST_AVAILABLE, 100_000, Duration.ofHours(1), Duration.ofSeconds(15),
                Duration.ZERO, Optional.empty());
    }

    /** Agent a serves node a % nodes's queue. */
    private static AgentProfile agent(int a, int nodes) {
        return new AgentProfile("a" + a, "Agent " + a, Set.of("q" + (a % nodes)));
    }
}
