package org.popline.ivr.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigitCollectorTest {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration BETWEEN = Duration.ofSeconds(3);

    private final List<String> log = new ArrayList<>();
    private final ScriptedDigits caller = new ScriptedDigits(log);
    private final DigitCollector collector = new DigitCollector();

    private static CollectSpec digits(int min, int max, Character terminator) {
        return new CollectSpec(min, max, FIRST, BETWEEN, Optional.ofNullable(terminator), Set.of());
    }

    private CollectResult collect(CollectSpec spec) throws InterruptedException {
        return collector.collect(caller, spec);
    }

    @Test
    void reachingMaxDigitsEntersAtOnceWithoutWaitingForMore() throws Exception {
        caller.typedAhead("1234").key(Duration.ofSeconds(1), '5');

        assertEquals(new CollectResult.Entered("1234", false), collect(digits(1, 4, '#')));
        assertEquals(List.of("wait 5s: 1", "wait 3s: 2", "wait 3s: 3", "wait 3s: 4"), log);
        assertEquals(1, caller.keysLeft(), "the fifth key belongs to whatever comes next");
    }

    @Test
    void terminatorEndsTheEntryAndIsNotPartOfIt() throws Exception {
        caller.typedAhead("12#");

        assertEquals(new CollectResult.Entered("12", true), collect(digits(1, 6, '#')));
    }

    @Test
    void terminatorBeforeMinDigitsIsInvalid() throws Exception {
        caller.typedAhead("12#");

        assertEquals(new CollectResult.Invalid("12"), collect(digits(3, 6, '#')));
    }

    @Test
    void terminatorAsTheFirstKeyIsInvalidAndEmpty() throws Exception {
        caller.typedAhead("#");

        assertEquals(new CollectResult.Invalid(""), collect(digits(1, 6, '#')));
    }

    @Test
    void pauseAfterMinDigitsEntersWhatWasTyped() throws Exception {
        caller.typedAhead("123");

        assertEquals(new CollectResult.Entered("123", false), collect(digits(2, 6, '#')));
        assertEquals("wait 3s: silence", log.get(log.size() - 1));
    }

    @Test
    void pauseBeforeMinDigitsTimesOutWithThePartialEntry() throws Exception {
        caller.typedAhead("12");

        assertEquals(new CollectResult.TimedOut("12"), collect(digits(4, 6, '#')));
    }

    @Test
    void noKeyAtAllTimesOutAfterTheFirstDigitTimeout() throws Exception {
        assertEquals(new CollectResult.TimedOut(""), collect(digits(1, 6, '#')));
        assertEquals(List.of("wait 5s: silence"), log);
    }

    @Test
    void firstKeyMayTakeTheFirstDigitTimeoutButLaterKeysOnlyTheInterDigitTimeout() throws Exception {
        caller.key(Duration.ofSeconds(4), '1').key(Duration.ofSeconds(4), '2');

        assertEquals(new CollectResult.TimedOut("1"), collect(digits(2, 6, '#')));
        assertEquals(List.of("wait 5s: 1", "wait 3s: silence"), log);
    }

    @Test
    void keysWithinTheInterDigitTimeoutKeepTheEntryGoing() throws Exception {
        caller.key(Duration.ofSeconds(5), '1').key(Duration.ofSeconds(3), '2').key(Duration.ofSeconds(2), '3');

        assertEquals(new CollectResult.Entered("123", false), collect(digits(1, 6, '#')));
        assertEquals(List.of("wait 5s: 1", "wait 3s: 2", "wait 3s: 3", "wait 3s: silence"), log);
    }

    @Test
    void starIsDataWhenHashTerminates() throws Exception {
        caller.typedAhead("*1*#");

        assertEquals(new CollectResult.Entered("*1*", true), collect(digits(1, 6, '#')));
    }

    @Test
    void hashIsDataWhenStarTerminates() throws Exception {
        caller.typedAhead("#1#2*");

        assertEquals(new CollectResult.Entered("#1#2", true), collect(digits(1, 6, '*')));
    }

    @Test
    void withoutTerminatorHashIsDataToo() throws Exception {
        caller.typedAhead("#1#");

        assertEquals(new CollectResult.Entered("#1#", false), collect(digits(1, 3, null)));
    }

    @Test
    void keysTypedAheadDuringThePromptAreTakenWithoutWaiting() throws Exception {
        caller.typedAhead("42#");

        assertEquals(new CollectResult.Entered("42", true), collect(digits(1, 6, '#')));
        assertEquals(Duration.ZERO, caller.elapsed());
    }

    @Test
    void callEndingMidEntryEndsTheCollectionWhateverWasTyped() throws Exception {
        caller.typedAhead("12").hangUp(Duration.ofSeconds(1));

        assertEquals(new CollectResult.Ended(), collect(digits(1, 6, '#')));
    }

    @Test
    void callEndingBeforeAnyKeyEndsTheCollection() throws Exception {
        caller.hangUp(Duration.ofSeconds(2));

        assertEquals(new CollectResult.Ended(), collect(digits(1, 6, '#')));
    }

    @Test
    void menuKeyOutsideTheValidSetIsInvalid() throws Exception {
        caller.typedAhead("9");

        assertEquals(new CollectResult.Invalid("9"), collect(CollectSpec.menu(Set.of('1', '2'), FIRST)));
    }

    @Test
    void menuKeyInTheValidSetIsEnteredAtOnce() throws Exception {
        caller.typedAhead("2");

        assertEquals(new CollectResult.Entered("2", false), collect(CollectSpec.menu(Set.of('1', '2'), FIRST)));
        assertEquals(List.of("wait 5s: 2"), log);
    }

    @Test
    void menuMayOfferStarAndHashAsOptions() throws Exception {
        caller.typedAhead("#");

        assertEquals(new CollectResult.Entered("#", false), collect(CollectSpec.menu(Set.of('*', '#'), FIRST)));
    }

    @Test
    void terminatorAfterExactlyMinDigitsEnters() throws Exception {
        caller.typedAhead("123#");

        assertEquals(new CollectResult.Entered("123", true), collect(digits(3, 6, '#')));
    }

    @Test
    void terminatorTypedAfterMaxDigitsIsLeftForTheNextCollection() throws Exception {
        caller.typedAhead("1234#");

        assertEquals(new CollectResult.Entered("1234", false), collect(digits(1, 4, '#')));
        assertEquals(1, caller.keysLeft());
    }
}
