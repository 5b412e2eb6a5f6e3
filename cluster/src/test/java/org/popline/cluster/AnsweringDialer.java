package org.popline.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.popline.queue.AgentDialer;
import org.popline.queue.AgentOffer;
import org.popline.queue.CallDistributor;
import org.popline.queue.Caller;
import org.popline.queue.RingResult;

/**
 * One node's phones: answers each ring after {@code answerAfter} (or when the test says, when null), then ends
 * the call after {@code talk} through the node's ACD. Records every ring and notes any agent rung
 * while another offer or call of theirs is still going, on any node (the book is shared).
 */
final class AnsweringDialer implements AgentDialer {
    /** Agent -> call they are rung for or talk to now, over all nodes of a test. */
    static final class Book {
        final Map<String, String> busy = new ConcurrentHashMap<>();
        final List<String> doubleBookings = new CopyOnWriteArrayList<>();
        final Map<String, String> answeredBy = new ConcurrentHashMap<>();
        final List<String> rings = new CopyOnWriteArrayList<>();
    }

    private final Book book;
    private final Duration answerAfter;
    private final Duration talk;
    private final ScheduledExecutorService phones = Executors.newSingleThreadScheduledExecutor();
    /** How to answer each ring not answered yet, by "agent call". */
    private final Map<String, Runnable> unanswered = new ConcurrentHashMap<>();
    private Supplier<CallDistributor> acd;

    AnsweringDialer(Book book, Duration answerAfter, Duration talk) {
        this.book = book;
        this.answerAfter = answerAfter;
        this.talk = talk;
    }

    void node(Supplier<CallDistributor> acd) {
        this.acd = acd;
    }

    @Override
    public AgentOffer ring(String agentId, Caller caller, Duration ringTimeout) {
        book.rings.add(agentId + " " + caller.callId());
        String before = book.busy.putIfAbsent(agentId, caller.callId());
        if (before != null) {
            book.doubleBookings.add(agentId + " rung for " + caller.callId() + " while busy with " + before);
        }
        CompletableFuture<RingResult> result = new CompletableFuture<>();
        String ring = agentId + " " + caller.callId();
        Runnable answer = () -> {
            unanswered.remove(ring);
            // in the book before the ACD can hear of the answer, so that a test waiting on the answer finds it
            String earlier = book.answeredBy.putIfAbsent(caller.callId(), agentId);
            if (!result.complete(RingResult.ANSWERED)) {
                book.answeredBy.remove(caller.callId(), agentId);
                return;
            }
            if (earlier != null) {
                book.doubleBookings.add(caller.callId() + " answered twice");
            }
            phones.schedule(() -> {
                book.busy.remove(agentId, caller.callId());
                acd.get().callEnded(agentId);
            }, talk.toMillis(), TimeUnit.MILLISECONDS);
        };
        unanswered.put(ring, answer);
        if (answerAfter != null) {
            phones.schedule(answer, answerAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new AgentOffer() {
            @Override
            public CompletableFuture<RingResult> result() {
                return result;
            }

            @Override
            public void cancel() {
                unanswered.remove(ring);
                if (result.complete(RingResult.CANCELLED)) {
                    book.busy.remove(agentId, caller.callId());
                }
            }
        };
    }

    /** The agent picks up the phone ringing for the call, if it still rings. */
    void answer(String agentId, String callId) {
        Runnable answer = unanswered.get(agentId + " " + callId);
        if (answer != null) {
            phones.execute(answer);
        }
    }

    void close() {
        phones.shutdownNow();
    }
}
