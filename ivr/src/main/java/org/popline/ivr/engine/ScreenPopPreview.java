package org.popline.ivr.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.popline.ivr.Call;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.digits.DigitSource;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.ActivityContext;
import org.popline.ivr.flow.ActivityType;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.FlowEvents;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpRequestSpec;
import org.popline.ivr.http.HttpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page the agent-answered handler would pop if an agent answered now, worked out before the
 * caller is queued so the agent's phone and page can show it while ringing. The handler's
 * activities run with the same code as in the call, but in this context: variables are a copy,
 * the pop is caught instead of shown, the trace is left alone, and an activity that could touch
 * the call or the network is not run at all (the preview then has no answer).
 */
final class ScreenPopPreview implements ActivityContext {
    private static final Logger log = LoggerFactory.getLogger(ScreenPopPreview.class);

    private final Map<String, Object> variables;
    private final BiFunction<String, Map<String, Object>, String> renderer;
    private ScreenPop popped;

    private ScreenPopPreview(Map<String, Object> variables, BiFunction<String, Map<String, Object>, String> renderer) {
        this.variables = new HashMap<>(variables);
        this.renderer = renderer;
    }

    /** @param renderer renders a template against the variables given, as the call's run does */
    static Optional<String> of(Flow flow, ActivityTypes types, Map<String, Object> variables,
            BiFunction<String, Map<String, Object>, String> renderer) throws InterruptedException {
        ScreenPopPreview preview = new ScreenPopPreview(variables, renderer);
        String current = flow.events().get(FlowEvents.AGENT_ANSWERED);
        Set<String> seen = new HashSet<>();
        while (current != null && seen.add(current)) {
            Activity activity = flow.activity(current).orElseThrow();
            ActivityType type = types.find(activity.type()).orElseThrow();
            if (!type.sideEffectFree()) {
                return Optional.empty();
            }
            String outcome;
            try {
                outcome = type.run(activity, preview);
            } catch (RuntimeException e) {
                log.debug("no screen-pop preview: {} failed: {}", current, e.getMessage());
                return Optional.empty();
            }
            if (preview.popped != null) {
                return Optional.of(preview.popped.url());
            }
            current = FlowRun.next(activity, type, outcome);
        }
        return Optional.empty();
    }

    @Override
    public String render(String template) {
        return renderer.apply(template, variables);
    }

    @Override
    public void set(String variable, String value) {
        variables.put(variable, value);
    }

    @Override
    public void screenPop(ScreenPop pop) {
        popped = pop;
    }

    @Override
    public void input(String name, Object value) {
    }

    @Override
    public void output(String name, Object value) {
    }

    @Override
    public Call call() {
        throw notInPreview();
    }

    @Override
    public DigitSource digits() {
        throw notInPreview();
    }

    @Override
    public Optional<Connector> connector(String name) {
        throw notInPreview();
    }

    @Override
    public HttpResult http(HttpRequestSpec request) {
        throw notInPreview();
    }

    @Override
    public Optional<String> previewScreenPop() {
        throw notInPreview();
    }

    @Override
    public void record(String name, Map<String, ?> fields) {
        variables.put(name, Map.copyOf(fields));
    }

    @Override
    public Optional<BusinessHours> businessHours(String name) {
        throw notInPreview();
    }

    @Override
    public Clock clock() {
        throw notInPreview();
    }

    @Override
    public CustomerDirectory customers() {
        throw notInPreview();
    }

    @Override
    public void disconnect() {
        throw notInPreview();
    }

    @Override
    public void queued(QueueEntry entry) {
        throw notInPreview();
    }

    @Override
    public void hold(Optional<Duration> duration, Supplier<CompletableFuture<Void>> music) {
        throw notInPreview();
    }

    /** Only a type that wrongly claims to be side-effect free gets here. */
    private static IllegalStateException notInPreview() {
        return new IllegalStateException("not side-effect free: the screen-pop preview cannot run it");
    }
}
