package org.popline.ivr.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.popline.ivr.Call;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.customer.CustomerMatch;
import org.popline.ivr.digits.DigitSource;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.ActivityContext;
import org.popline.ivr.flow.ActivityType;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.FlowEvents;
import org.popline.ivr.flow.Prompts;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpRequestSpec;
import org.popline.ivr.http.HttpResult;
import org.popline.ivr.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's run through one version of a flow: the main section from the start activity until
 * the caller hangs up, is disconnected or an agent answers; then the agent-answered handler; then,
 * once the call is over, the call-ended handler. Plain sequential code on the call's flow thread.
 */
final class FlowRun implements ActivityContext {
    private static final Logger log = LoggerFactory.getLogger(FlowRun.class);
    static final String MAIN = "main";
    /**
     * Activities in a row that wait for nothing, after which a section is stopped. The loader refuses
     * loops of such activities; this catches what it cannot see (a loop whose waiting activity fails
     * at once, say), so that no flow keeps its thread busy for good.
     */
    static final int MAX_STEPS_WITHOUT_WAITING = 1000;

    private final LoadedFlow loaded;
    private final Flow flow;
    private final FlowServices services;
    private final Call call;
    private final CallTrace trace;
    private final FlowObserver observer;
    private final Map<String, Object> variables = new HashMap<>();
    private final Map<String, Object> callInfo = new LinkedHashMap<>();
    private final DigitSource digits;
    /** Variables a secure activity set: masked in the call's record. */
    private final Set<String> secretVariables = new HashSet<>();
    private boolean inSecureActivity;
    private volatile QueueEntry queued;
    private String queuedBy;
    private boolean disconnected;
    private long nextAnnouncement;
    private int stepsWithoutWaiting;

    FlowRun(LoadedFlow loaded, FlowServices services, Call call, CallTrace trace, FlowObserver observer) {
        this.loaded = loaded;
        this.observer = observer;
        this.flow = loaded.flow();
        this.services = services;
        this.call = call;
        this.trace = trace;
        variables.putAll(flow.variables());
        callInfo.put("id", call.callId());
        callInfo.put("ani", call.ani());
        callInfo.put("dnis", call.dnis());
        callInfo.put("agent", "");
        callInfo.put("queue", "");
        variables.put("call", callInfo);
        variables.put("connectors", services.templateView());
        DigitSource source = DigitSource.of(call);
        this.digits = new DigitSource() {
            @Override
            public Optional<Character> nextDigit(Duration timeout) throws InterruptedException {
                Optional<Character> key = source.nextDigit(timeout);
                key.ifPresent(k -> {
                    trace.digit(k);
                    log.debug("key {} taken by {}", inSecureActivity ? SecretMask.MASK : k, trace.currentActivity());
                });
                return key;
            }

            @Override
            public boolean ended() {
                return source.ended();
            }
        };
    }

    void run() throws InterruptedException {
        String why = runMain();
        leaveQueueIfWaiting();
        Optional<String> agent = answeredBy();
        if (agent.isPresent()) {
            runOffers();
            trace.event("agent-answered by " + agent.get());
            log.info("agent {} answered", agent.get());
            callInfo.put("agent", agent.get());
            runEvent(FlowEvents.AGENT_ANSWERED);
            waitUntilEnded();
            why = "agent call ended";
        }
        trace.event("call-ended");
        runEvent(FlowEvents.CALL_ENDED);
        trace.finish(why);
    }

    /** Runs the main section; says why it stopped. */
    private String runMain() throws InterruptedException {
        String current = flow.start();
        while (current != null) {
            if (call.ended().isDone()) {
                return ending();
            }
            if (answeredBy().isPresent()) {
                return "agent answered";
            }
            runOffers();
            Optional<String> queueFailure = queueFailure();
            if (queueFailure.isPresent()) {
                trace.event("queue gave up: " + queueFailure.get());
                log.info("queue gave up: {}", queueFailure.get());
                current = flow.activity(queuedBy).flatMap(a -> a.link("failure")).orElse(null);
                queued = null;
                if (current == null) {
                    break;
                }
            }
            if (overStepLimit(MAIN)) {
                call.hangUp();
                return "step limit";
            }
            current = step(MAIN, current);
        }
        if (call.ended().isDone()) {
            return ending();
        }
        if (queued != null) {
            // The flow ran out of activities with the caller in the queue: they keep waiting.
            hold(Optional.empty(), call::playMusic);
            if (answeredBy().isPresent()) {
                return "agent answered";
            }
        }
        if (!call.ended().isDone()) {
            call.hangUp();
            return "flow ended";
        }
        return ending();
    }

    private String ending() {
        return disconnected ? "disconnected by flow" : "caller hung up";
    }

    /** A caller who hung up or was disconnected while queued must not be offered to an agent. */
    private void leaveQueueIfWaiting() {
        QueueEntry entry = queued;
        if (entry == null) {
            return;
        }
        entry.agentAnswered().cancel(false);
        // The call itself may have withdrawn the entry already, the moment it ended.
        if (entry.agentAnswered().isCancelled()) {
            trace.event("left queue " + entry.queue());
        }
    }

    /** Runs the agent-offered handler once for each agent the queue has rung for the caller since the last time. */
    private void runOffers() throws InterruptedException {
        QueueEntry entry = queued;
        if (entry == null) {
            return;
        }
        for (Optional<String> agent = entry.offers().take(); agent.isPresent(); agent = entry.offers().take()) {
            trace.event("agent-offered to " + agent.get());
            log.info("offered to agent {}", agent.get());
            callInfo.put("agent", agent.get());
            runEvent(FlowEvents.AGENT_OFFERED);
        }
    }

    private void runEvent(String event) throws InterruptedException {
        String current = flow.events().get(event);
        stepsWithoutWaiting = 0;
        while (current != null && !overStepLimit(event)) {
            current = step(event, current);
        }
    }

    /** Runs one activity and answers the name of the next, or null where the section ends. */
    private String step(String section, String name) throws InterruptedException {
        Activity activity = flow.activity(name).orElseThrow();
        ActivityType type = services.types().find(activity.type()).orElseThrow();
        trace.begin(section, name, type.name(), activity.secure());
        long started = System.nanoTime();
        boolean waited = type.waits();
        String outcome;
        String error = null;
        inSecureActivity = activity.secure();
        if (inSecureActivity) {
            call.secureDigits(true);
        }
        try {
            outcome = type.run(activity, this);
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            outcome = type.errorOutcome().orElse(null);
            waited = false;
            log.warn("activity {} failed, taking {}: {}", name, outcome,
                    inSecureActivity ? SecretMask.MASK : SecretMask.maskInText(error));
        } finally {
            if (inSecureActivity) {
                call.secureDigits(false);
                inSecureActivity = false;
            }
        }
        stepsWithoutWaiting = waited ? 0 : stepsWithoutWaiting + 1;
        String next = next(activity, type, outcome);
        trace.end(outcome, next, error);
        observer.activityRan(name, type.name());
        if (error != null && next == null && !section.equals(FlowEvents.GLOBAL_ERROR)) {
            trace.event("global-error in " + name);
            runEvent(FlowEvents.GLOBAL_ERROR);
        }
        log.info("{} {} ({}) -> {} -> {} in {} ms", section, name, type.name(), outcome, next,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return next;
    }

    /** The activity an outcome leads to, or null where the section ends. */
    static String next(Activity activity, ActivityType type, String outcome) {
        return outcome == null ? null
                : activity.link(outcome).or(() -> type.fallback(outcome).flatMap(activity::link)).orElse(null);
    }

    private boolean overStepLimit(String section) {
        if (stepsWithoutWaiting < MAX_STEPS_WITHOUT_WAITING) {
            return false;
        }
        trace.event("stopped: " + MAX_STEPS_WITHOUT_WAITING + " activities in a row waited for nothing");
        log.error("{} stopped: {} activities in a row waited for nothing (a loop in the flow?)", section,
                MAX_STEPS_WITHOUT_WAITING);
        return true;
    }

    private Optional<String> answeredBy() {
        QueueEntry entry = queued;
        CompletableFuture<String> answered = entry == null ? null : entry.agentAnswered();
        if (answered == null || !answered.isDone() || answered.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(answered.join());
    }

    private Optional<String> queueFailure() {
        QueueEntry entry = queued;
        if (entry == null || !entry.agentAnswered().isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            entry.agentAnswered().join();
            return Optional.empty();
        } catch (CancellationException e) {
            return Optional.of("cancelled");
        } catch (RuntimeException e) {
            return Optional.of(e.getCause() == null ? e.toString() : e.getCause().getMessage());
        }
    }

    private void waitUntilEnded() throws InterruptedException {
        try {
            call.ended().get();
        } catch (ExecutionException e) {
            log.warn("call ended abnormally: {}", e.getCause().toString());
        }
    }

    @Override
    public Call call() {
        return call;
    }

    @Override
    public String render(String template) throws TemplateException {
        return render(template, variables);
    }

    private String render(String template, Map<String, Object> values) {
        return services.templates().render(loaded.template(services.templates(), template), values);
    }

    @Override
    public void set(String variable, String value) {
        if (inSecureActivity) {
            secretVariables.add(variable);
            trace.secret(value);
        }
        variables.put(variable, value);
    }

    @Override
    public void record(String name, Map<String, ?> fields) {
        if (inSecureActivity) {
            // The keys entered (DigitsEntered), read later as {{ X.DigitsEntered }}; numbers such as a status are not secrets.
            fields.values().stream().filter(String.class::isInstance).forEach(value -> trace.secret((String) value));
        }
        variables.put(name, Map.copyOf(fields));
    }

    @Override
    public Optional<BusinessHours> businessHours(String name) {
        return Optional.ofNullable(services.businessHours().get(name));
    }

    @Override
    public Clock clock() {
        return services.clock();
    }

    @Override
    public void screenPop(ScreenPop pop) {
        call.screenPop(pop);
    }

    @Override
    public Optional<String> previewScreenPop() throws InterruptedException {
        return ScreenPopPreview.of(flow, services.types(), variables, this::render);
    }

    @Override
    public void disconnect() {
        if (!call.ended().isDone()) {
            disconnected = true;
            call.hangUp();
        }
    }

    @Override
    public DigitSource digits() {
        return digits;
    }

    @Override
    public Optional<Connector> connector(String name) {
        return services.connector(name);
    }

    /** The CRM's caller lookup, each lookup timed in the CRM request metrics like a connector request. */
    @Override
    public CustomerDirectory customers() {
        return number -> {
            long started = System.nanoTime();
            CustomerMatch match = services.customers().find(number);
            observer.connectorRequest(Duration.ofNanos(System.nanoTime() - started),
                    match.outcome() == CustomerMatch.Outcome.ERROR ? HttpResult.Outcome.ERROR : HttpResult.Outcome.SUCCESS);
            return match;
        };
    }

    @Override
    public HttpResult http(HttpRequestSpec request) throws InterruptedException {
        HttpResult result = services.http().execute(request);
        if (request.connector().isPresent()) {
            observer.connectorRequest(result.took(), result.outcome());
        }
        return result;
    }

    /**
     * The flow's declared variables as text, for the call's record, secrets and what secure
     * activities set masked as in the trace.
     * Read after the run on the same thread that wrote them; the {@code call} and {@code connectors}
     * views are not declared, so not here.
     */
    Map<String, String> declaredVariables() {
        Map<String, String> declared = new LinkedHashMap<>();
        flow.variables().keySet().forEach(name -> declared.put(name, secretVariables.contains(name) ? SecretMask.MASK
                : Objects.toString(SecretMask.mask(name, variables.get(name)), "")));
        return declared;
    }

    @Override
    public void queued(QueueEntry entry) {
        this.queued = entry;
        entry.announceEvery().ifPresent(every -> nextAnnouncement = System.nanoTime() + every.toNanos());
        this.queuedBy = currentActivity();
        callInfo.put("queue", entry.queue());
        trace.event("queued in " + entry.queue());
    }

    private String currentActivity() {
        return trace.currentActivity();
    }

    @Override
    public void hold(Optional<Duration> duration, Supplier<CompletableFuture<Void>> music) throws InterruptedException {
        long end = duration.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        CompletableFuture<Void> playing = music.get();
        while (true) {
            QueueEntry entry = queued;
            CompletableFuture<?> wake = entry == null ? call.ended()
                    : CompletableFuture.anyOf(call.ended(), entry.agentAnswered(), entry.offers().arrived());
            long until = entry != null && entry.announceEvery().isPresent() ? Math.min(end, nextAnnouncement) : end;
            boolean timedOut = waitFor(wake, until);
            if (!timedOut && entry != null && entry.offers().arrived().isDone()) {
                CallTrace.OpenStep holding = trace.setAside();
                runOffers();
                trace.resume(holding);
                if (playing.isDone() && !playing.isCompletedExceptionally() && !call.ended().isDone()) {
                    // The handler played something, which stopped the music.
                    playing = music.get();
                }
                continue;
            }
            if (!timedOut || System.nanoTime() >= end) {
                break;
            }
            playing = announce(entry, music).orElse(playing);
        }
        Prompts.awaitFailure(playing);
    }

    /** Waits for {@code wake} until the System.nanoTime {@code until}; false if it came (or failed) first. */
    private static boolean waitFor(CompletableFuture<?> wake, long until) throws InterruptedException {
        try {
            if (until == Long.MAX_VALUE) {
                wake.get();
            } else {
                wake.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (ExecutionException | CancellationException e) {
            return false;
        }
    }

    /** Tells a queued caller where they stand, then restarts the music; empty if it is not time yet. */
    private Optional<CompletableFuture<Void>> announce(QueueEntry entry, Supplier<CompletableFuture<Void>> music)
            throws InterruptedException {
        if (entry == null || entry.announceEvery().isEmpty() || System.nanoTime() < nextAnnouncement) {
            return Optional.empty();
        }
        nextAnnouncement = System.nanoTime() + entry.announceEvery().get().toNanos();
        Optional<String> text = QueueAnnouncement.text(entry.position().getAsInt(), entry.estimatedWait().get());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        trace.event("announced: " + text.get());
        try {
            call.say(text.get()).get();
        } catch (ExecutionException e) {
            log.warn("queue announcement not played: {}", e.getCause().toString());
        }
        return call.ended().isDone() ? Optional.empty() : Optional.of(music.get());
    }

    @Override
    public void input(String name, Object value) {
        trace.input(name, value);
    }

    @Override
    public void output(String name, Object value) {
        trace.output(name, value);
    }
}
