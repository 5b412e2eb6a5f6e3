package org.popline.ivr.digits;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A caller on virtual time: each step is a key (or a hang-up) that comes a given time after the
 * previous one. A wait shorter than the next step's delay uses up that much of the delay and
 * answers empty, so tests exercise timeouts without sleeping. After the last step the caller is
 * silent for ever.
 */
final class ScriptedDigits implements DigitSource {

    private record Step(Duration delay, Optional<Character> key) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<String> log;
    private Duration elapsed = Duration.ZERO;
    private boolean ended;

    ScriptedDigits(List<String> log) {
        this.log = log;
    }

    /** A key already waiting when the next collection starts: typed ahead during the prompt. */
    ScriptedDigits typedAhead(String keys) {
        keys.chars().forEach(key -> key(Duration.ZERO, (char) key));
        return this;
    }

    ScriptedDigits key(Duration after, char key) {
        steps.add(new Step(after, Optional.of(key)));
        return this;
    }

    ScriptedDigits hangUp(Duration after) {
        steps.add(new Step(after, Optional.empty()));
        return this;
    }

    @Override
    public Optional<Character> nextDigit(Duration timeout) {
        Optional<Character> answer = answer(timeout);
        String heard = answer.map(String::valueOf).orElse(ended ? "ended" : "silence");
        log.add("wait " + timeout.toSeconds() + "s: " + heard);
        return answer;
    }

    private Optional<Character> answer(Duration timeout) {
        if (ended) {
            return Optional.empty();
        }
        Step next = steps.peek();
        if (next == null || next.delay().compareTo(timeout) > 0) {
            elapsed = elapsed.plus(timeout);
            if (next != null) {
                steps.pop();
                steps.push(new Step(next.delay().minus(timeout), next.key()));
            }
            return Optional.empty();
        }
        steps.pop();
        elapsed = elapsed.plus(next.delay());
        ended = next.key().isEmpty();
        return next.key();
    }

    @Override
    public boolean ended() {
        return ended;
    }

    Duration elapsed() {
        return elapsed;
    }

    int keysLeft() {
        return (int) steps.stream().filter(step -> step.key().isPresent()).count();
    }
}
