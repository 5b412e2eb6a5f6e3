package org.popline.ivr.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MenuRunnerTest {

    private static final Duration ENTRY = Duration.ofSeconds(5);
    private static final MenuSpec MAIN_MENU =
            new MenuSpec("main", "no-input", "no-match", Set.of('1', '2'), ENTRY);

    private final List<String> log = new ArrayList<>();
    private final ScriptedDigits caller = new ScriptedDigits(log);
    private final Prompter prompter =
            (key, interruptible) -> log.add("play " + key + (interruptible ? "" : " (uninterruptible)"));
    private final MenuRunner menu = new MenuRunner(new DigitCollector());

    private MenuResult run(MenuSpec spec) throws InterruptedException {
        return menu.run(spec, prompter, caller);
    }

    @Test
    void keyTypedAheadDuringThePromptSelectsWithoutWaiting() throws Exception {
        caller.typedAhead("1");

        MenuResult result = run(MAIN_MENU);

        assertEquals(new MenuResult.Chosen('1', List.of(new CollectResult.Entered("1", false))), result);
        assertEquals(List.of("play main", "wait 5s: 1"), log);
        assertEquals(Duration.ZERO, caller.elapsed());
    }

    @Test
    void silenceRepromptsTwiceThenTakesTheDefault() throws Exception {
        MenuResult result = run(MAIN_MENU);

        CollectResult silence = new CollectResult.TimedOut("");
        assertEquals(new MenuResult.Defaulted(List.of(silence, silence, silence)), result);
        assertEquals(3, result.attemptCount());
        assertEquals(List.of(
                "play main", "wait 5s: silence",
                "play no-input", "play main", "wait 5s: silence",
                "play no-input", "play main", "wait 5s: silence"), log);
    }

    @Test
    void invalidKeyRepromptsThenAValidKeyIsChosen() throws Exception {
        caller.key(Duration.ofSeconds(2), '9').key(Duration.ofSeconds(1), '2');

        MenuResult result = run(MAIN_MENU);

        assertEquals(new MenuResult.Chosen('2',
                List.of(new CollectResult.Invalid("9"), new CollectResult.Entered("2", false))), result);
        assertEquals(List.of(
                "play main", "wait 5s: 9",
                "play no-match", "play main", "wait 5s: 2"), log);
    }

    @Test
    void eachRepromptApologisesForWhatWentWrongThatTime() throws Exception {
        caller.key(Duration.ofSeconds(6), '7');

        MenuResult result = run(MAIN_MENU);

        assertEquals(new MenuResult.Defaulted(List.of(
                new CollectResult.TimedOut(""), new CollectResult.Invalid("7"), new CollectResult.TimedOut(""))),
                result);
        assertEquals(List.of(
                "play main", "wait 5s: silence",
                "play no-input", "play main", "wait 5s: 7",
                "play no-match", "play main", "wait 5s: silence"), log);
    }

    @Test
    void callEndingStopsTheMenuWithoutFurtherPrompts() throws Exception {
        caller.hangUp(Duration.ofSeconds(2));

        MenuResult result = run(MAIN_MENU);

        assertEquals(new MenuResult.Ended(List.of(new CollectResult.Ended())), result);
        assertEquals(List.of("play main", "wait 5s: ended"), log);
    }

    @Test
    void zeroRetriesTakesTheDefaultAfterTheFirstMiss() throws Exception {
        MenuSpec once = new MenuSpec("main", Optional.of("no-input"), Optional.of("no-match"),
                Set.of('1', '2'), ENTRY, 0);

        MenuResult result = run(once);

        assertEquals(new MenuResult.Defaulted(List.of(new CollectResult.TimedOut(""))), result);
        assertEquals(List.of("play main", "wait 5s: silence"), log);
    }

    @Test
    void withoutApologyPromptsTheMenuIsSimplyRepeated() throws Exception {
        MenuSpec plain = new MenuSpec("main", Optional.empty(), Optional.empty(), Set.of('1'), ENTRY, 1);
        caller.key(Duration.ofSeconds(1), '3');

        MenuResult result = run(plain);

        assertEquals(new MenuResult.Defaulted(List.of(
                new CollectResult.Invalid("3"), new CollectResult.TimedOut(""))), result);
        assertEquals(List.of("play main", "wait 5s: 3", "play main", "wait 5s: silence"), log);
    }

    @Test
    void keyPressedDuringTheApologyAnswersTheRepeatedMenu() throws Exception {
        caller.key(Duration.ofSeconds(1), '9').typedAhead("1");

        MenuResult result = run(MAIN_MENU);

        assertEquals(new MenuResult.Chosen('1',
                List.of(new CollectResult.Invalid("9"), new CollectResult.Entered("1", false))), result);
        assertEquals(Duration.ofSeconds(1), caller.elapsed());
    }

    @Test
    void badMenuIsRejectedWhenDeclaredNotWhenRun() {
        assertThrows(IllegalArgumentException.class,
                () -> new MenuSpec("main", "no-input", "no-match", Set.of('1', 'x'), ENTRY));
        assertThrows(IllegalArgumentException.class,
                () -> new MenuSpec("main", "no-input", "no-match", Set.of(), ENTRY));
        assertThrows(IllegalArgumentException.class,
                () -> new MenuSpec("main", Optional.empty(), Optional.empty(), Set.of('1'), ENTRY, -1));
    }
}
