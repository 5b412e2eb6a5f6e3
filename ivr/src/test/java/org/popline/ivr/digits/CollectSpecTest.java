package org.popline.ivr.digits;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectSpecTest {

    private static final Duration T = Duration.ofSeconds(3);

    @Test
    void minDigitsMustBeAtLeastOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new CollectSpec(0, 4, T, T, Optional.empty(), Set.of()));
    }

    @Test
    void maxDigitsMustNotBeBelowMinDigits() {
        assertThrows(IllegalArgumentException.class,
                () -> new CollectSpec(4, 3, T, T, Optional.empty(), Set.of()));
    }

    @Test
    void timeoutsMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new CollectSpec(1, 4, Duration.ZERO, T, Optional.empty(), Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new CollectSpec(1, 4, T, Duration.ofSeconds(-1), Optional.empty(), Set.of()));
    }

    @Test
    void terminatorMustBeADtmfKey() {
        assertThrows(IllegalArgumentException.class,
                () -> new CollectSpec(1, 4, T, T, Optional.of('x'), Set.of()));
    }

    @Test
    void terminatorCannotAlsoBeAValidKey() {
        assertThrows(IllegalArgumentException.class,
                () -> new CollectSpec(1, 1, T, T, Optional.of('#'), Set.of('1', '#')));
    }

    @Test
    void menuNeedsAtLeastOneKey() {
        assertThrows(IllegalArgumentException.class, () -> CollectSpec.menu(Set.of(), T));
    }
}
