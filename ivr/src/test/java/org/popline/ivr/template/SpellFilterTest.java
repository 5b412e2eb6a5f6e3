package org.popline.ivr.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpellFilterTest {

    @Test
    void separatesLettersAndDigitsWithSpacesAndADashWithAPause() {
        assertEquals("C A S, 0 1 2 3 4", SpellFilter.spell("CAS-01234"));
    }

    @Test
    void dynamicsTicketNumberKeepsItsThreeGroups() {
        assertEquals("C A S, 0 1 0 0 1, B 3 Q 6 K 7", SpellFilter.spell("CAS-01001-B3Q6K7"));
    }

    @Test
    void upperCasesLettersSoALoneAIsReadAsALetter() {
        assertEquals("A B 1", SpellFilter.spell("ab1"));
    }

    @Test
    void runsOfSeparatorsAndEdgesGiveOnePauseOrNone() {
        assertEquals("1 2, 3", SpellFilter.spell(" -12 / 3- "));
    }

    @Test
    void emptyStaysEmpty() {
        assertEquals("", SpellFilter.spell(""));
    }
}
