package org.popline.ivr.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.popline.ivr.SecureDigits;

/**
 * Everything one call did in its flow, step by step: for the lab engineer's question "what did
 * the CRM answer and which way did the call go?". Written by the call's flow thread, read by the
 * admin API at any time, hence synchronised; secrets are masked as they are recorded, and so is
 * what a caller enters in a secure activity: its keys, its outputs, and the values it produced
 * wherever a later step quotes them.
 */
public final class CallTrace {

    /**
     * What the admin API shows: a consistent copy.
     *
     * @param current the activity running now, null between activities and once the call is over
     */
    public record View(
            String callId, String ani, String flow, String flowVersion, Instant startedAt, Instant endedAt,
            String ending, String current, List<TraceStep> steps, List<String> digits, List<String> events) {
    }

    private final String callId;
    private final String ani;
    private final String flow;
    private final String flowVersion;
    private final Instant startedAt = Instant.now();
    private final List<TraceStep> steps = new ArrayList<>();
    private final List<String> digits = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private Instant endedAt;
    private String ending;

    private String section;
    private String activity;
    private String type;
    private Instant stepStarted;
    private Map<String, Object> inputs;
    private Map<String, Object> outputs;
    private List<String> stepDigits;
    private boolean stepSecure;
    private int secureKeys;
    /** Values a secure activity produced (a PIN), hidden wherever a later step's inputs or outputs quote them. */
    private final Set<String> secrets = new HashSet<>();

    CallTrace(String callId, String ani, String flow, String flowVersion) {
        this.callId = callId;
        this.ani = ani;
        this.flow = flow;
        this.flowVersion = flowVersion;
    }

    public String callId() {
        return callId;
    }

    synchronized void begin(String section, String activity, String type, boolean secure) {
        this.stepSecure = secure;
        this.secureKeys = 0;
        this.section = section;
        this.activity = activity;
        this.type = type;
        this.stepStarted = Instant.now();
        this.inputs = new LinkedHashMap<>();
        this.outputs = new LinkedHashMap<>();
        this.stepDigits = new ArrayList<>();
    }

    /** A step begun and not ended, set aside while a handler's steps run inside it. */
    record OpenStep(String section, String activity, String type, Instant started, Map<String, Object> inputs,
            Map<String, Object> outputs, List<String> digits, boolean secure, int secureKeys) {
    }

    /** Sets the open step aside, so that a handler may run steps inside it (an offer during music on hold). */
    synchronized OpenStep setAside() {
        return new OpenStep(section, activity, type, stepStarted, inputs, outputs, stepDigits, stepSecure, secureKeys);
    }

    /** Carries on with a step set aside. */
    synchronized void resume(OpenStep step) {
        section = step.section();
        activity = step.activity();
        type = step.type();
        stepStarted = step.started();
        inputs = step.inputs();
        outputs = step.outputs();
        stepDigits = step.digits();
        stepSecure = step.secure();
        secureKeys = step.secureKeys();
    }

    synchronized String currentActivity() {
        return activity;
    }

    synchronized void input(String name, Object value) {
        inputs.put(name, hideSecrets(SecretMask.mask(name, value)));
    }

    synchronized void output(String name, Object value) {
        outputs.put(name, stepSecure ? SecretMask.MASK : hideSecrets(SecretMask.mask(name, value)));
    }

    /**
     * A value the current (secure) activity produced, to be hidden from here on: as it is, and
     * spelt out key by key ("1 2 3 4", as the {@code spell} filter reads digits to a caller).
     */
    synchronized void secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
            secrets.add(String.join(" ", value.split("")));
        }
    }

    private Object hideSecrets(Object value) {
        if (secrets.isEmpty()) {
            return value;
        }
        if (value instanceof String text) {
            for (String secret : secrets) {
                text = text.replace(secret, SecretMask.MASK);
            }
            return text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), hideSecrets(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::hideSecrets).toList();
        }
        return value;
    }

    synchronized void digit(char key) {
        if (stepSecure) {
            secureKeys++;
            return;
        }
        digits.add(String.valueOf(key));
        if (stepDigits != null) {
            stepDigits.add(String.valueOf(key));
        }
    }

    synchronized void end(String outcome, String next, String error) {
        if (secureKeys > 0) {
            digits.add(SecureDigits.mask(secureKeys));
            stepDigits.add(SecureDigits.mask(secureKeys));
        }
        steps.add(new TraceStep(section, activity, type, stepStarted, Instant.now(),
                Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(outputs), outcome, next,
                List.copyOf(stepDigits), error == null ? null : (String) hideSecrets(SecretMask.maskInText(error))));
        stepDigits = null;
        stepSecure = false;
        secureKeys = 0;
    }

    synchronized void event(String what) {
        events.add(Instant.now() + " " + what);
    }

    synchronized void finish(String why) {
        endedAt = Instant.now();
        ending = why;
    }

    public synchronized boolean finished() {
        return endedAt != null;
    }

    public synchronized View view() {
        return new View(callId, ani, flow, flowVersion, startedAt, endedAt, ending, stepDigits == null ? null : activity,
                List.copyOf(steps),
                List.copyOf(digits), List.copyOf(events));
    }
}
