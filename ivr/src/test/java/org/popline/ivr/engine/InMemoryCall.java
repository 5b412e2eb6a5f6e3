package org.popline.ivr.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.ivr.Call;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueRequest;
import org.popline.ivr.QueueStatus;
import org.popline.ivr.ScreenPop;

/**
 * A call with no network: what the flow plays is written to {@link #heard}, and the caller is a
 * script. Prompts take no time; a key the script has not provided is a timeout at once, so a menu
 * that re-prompts twice runs in milliseconds. Barge-in is scripted with {@link #pressDuring}.
 */
class InMemoryCall implements Call {
    private final String ani;
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Character> pending = new ArrayDeque<>();
    private final Deque<Character> script = new ArrayDeque<>();
    private final Map<String, Character> pressDuring = new LinkedHashMap<>();
    private final Set<String> refusingQueues = ConcurrentHashMap.newKeySet();
    private final Set<String> missingAudio = ConcurrentHashMap.newKeySet();
    private final List<ScreenPop> pops = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile CompletableFuture<Void> playing = CompletableFuture.completedFuture(null);
    private volatile QueueEntry queued;
    private QueueRequest lastQueueRequest;
    private QueueStatus lookup;
    private Duration announcing;
    private volatile int position;
    private volatile Optional<Duration> estimatedWait = Optional.empty();
    private String answerOnMusic;
    private List<String> offerOnMusic = List.of();
    private boolean hangUpOnMusic;
    private boolean hungUpByFlow;
    private final List<Boolean> secureSwitches = Collections.synchronizedList(new ArrayList<>());

    InMemoryCall(String ani) {
        this.ani = ani;
    }

    /** Keys the caller presses, one per prompt-and-wait, in order; "" presses nothing (a timeout). */
    InMemoryCall presses(char... keys) {
        for (char key : keys) {
            script.add(key);
        }
        return this;
    }

    /** The caller presses {@code key} while a prompt containing {@code words} plays, cutting it short. */
    InMemoryCall pressDuring(String words, char key) {
        pressDuring.put(words, key);
        return this;
    }

    /** An agent answers as soon as music on hold starts. */
    /** When music on hold starts, the queue reports having rung these agents for the caller, in order. */
    InMemoryCall offeredOnMusic(String... agents) {
        offerOnMusic = List.of(agents);
        return this;
    }

    InMemoryCall agentAnswersOnMusic(String agent) {
        answerOnMusic = agent;
        return this;
    }

    /** The caller hangs up as soon as music on hold starts. */
    InMemoryCall hangsUpOnMusic() {
        hangUpOnMusic = true;
        return this;
    }

    /** The queue announces every {@code every}, the caller being at {@code position} with {@code wait} ahead. */
    InMemoryCall queueAnnounces(Duration every, int position, Optional<Duration> wait) {
        this.announcing = every;
        this.position = position;
        this.estimatedWait = wait;
        return this;
    }

    /** Playing this audio file fails, as a file not in the audio folder does. */
    InMemoryCall missingAudio(String file) {
        missingAudio.add(file);
        return this;
    }

    InMemoryCall queueRefuses(String queue) {
        refusingQueues.add(queue);
        return this;
    }

    List<String> heard() {
        return List.copyOf(heard);
    }

    List<ScreenPop> pops() {
        return List.copyOf(pops);
    }

    synchronized boolean hungUpByFlow() {
        return hungUpByFlow;
    }

    /** The caller (or the agent) hangs up. */
    void end() {
        playing.complete(null);
        ended.complete(null);
    }

    @Override
    public String callId() {
        return "mem-" + ani;
    }

    @Override
    public String ani() {
        return ani;
    }

    @Override
    public synchronized CompletableFuture<Void> say(String text, Optional<String> voice, boolean interruptible) {
        return play("say: " + text, text, interruptible);
    }

    @Override
    public synchronized CompletableFuture<Void> playFile(String file, boolean loop, boolean interruptible) {
        if (missingAudio.contains(file)) {
            return CompletableFuture.failedFuture(new java.io.IOException("no audio file '" + file + "'"));
        }
        return play("file: " + file + (loop ? " (loop)" : ""), file, interruptible);
    }

    private CompletableFuture<Void> play(String entry, String words, boolean interruptible) {
        playing.complete(null);
        if (ended.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        if (interruptible && !pending.isEmpty()) {
            heard.add("skipped " + entry);
            return CompletableFuture.completedFuture(null);
        }
        for (Map.Entry<String, Character> press : pressDuring.entrySet()) {
            if (words.contains(press.getKey())) {
                pending.add(press.getValue());
                pressDuring.remove(press.getKey());
                heard.add((interruptible ? "interrupted " : "not interrupted ") + entry);
                return CompletableFuture.completedFuture(null);
            }
        }
        heard.add(entry);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> playMusic() {
        playing.complete(null);
        heard.add("music");
        playing = new CompletableFuture<>();
        if (queued != null) {
            offerOnMusic.forEach(queued.offers()::offered);
            offerOnMusic = List.of();
        }
        if (answerOnMusic != null && queued != null) {
            queued.agentAnswered().complete(answerOnMusic);
        }
        if (hangUpOnMusic) {
            end();
        }
        return playing;
    }

    @Override
    public synchronized Optional<Character> nextDigit(Duration timeout) {
        if (!pending.isEmpty()) {
            return Optional.of(pending.poll());
        }
        if (ended.isDone() || script.isEmpty()) {
            return Optional.empty();
        }
        char next = script.poll();
        return next == ' ' ? Optional.empty() : Optional.of(next);
    }

    @Override
    public synchronized QueueEntry enqueue(QueueRequest request) throws QueueException {
        if (refusingQueues.contains(request.queue())) {
            throw new QueueException("queue " + request.queue() + " is full");
        }
        heard.add("queued: " + request.queue());
        lastQueueRequest = request;
        queued = announcing == null ? new QueueEntry(request.queue(), new CompletableFuture<>())
                : new QueueEntry(request.queue(), new CompletableFuture<>(), () -> position,
                        () -> estimatedWait, Optional.of(announcing));
        return queued;
    }

    /** What a queue look-up answers: the place a caller would take and the expected wait. */
    InMemoryCall queueLooksLike(int position, Optional<Duration> wait) {
        this.lookup = new QueueStatus(position, wait);
        return this;
    }

    @Override
    public synchronized QueueStatus queueStatus(String queue) throws QueueException {
        if (lookup == null) {
            throw new QueueException("no status for " + queue);
        }
        heard.add("looked up: " + queue);
        return lookup;
    }

    QueueRequest lastQueueRequest() {
        return lastQueueRequest;
    }

    /** The queue gives up on the caller, as after its maximum wait. */
    void queueGivesUp(String why) {
        queued.agentAnswered().completeExceptionally(new QueueException(why));
    }

    QueueEntry queueEntry() {
        return queued;
    }

    @Override
    public void secureDigits(boolean on) {
        secureSwitches.add(on);
    }

    /** How the flow switched secure digits on and off, in order. */
    List<Boolean> secureSwitches() {
        return List.copyOf(secureSwitches);
    }

    @Override
    public void screenPop(ScreenPop pop) {
        pops.add(pop);
        end();
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void hangUp() {
        synchronized (this) {
            hungUpByFlow = true;
            heard.add("hangup");
        }
        end();
    }
}
