package org.popline.ivr.ani;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AniStripperTest {

    private final AniStripper germany = new AniStripper("DE");
    private final AniStripper us = new AniStripper("US");

    @Test
    void e164GermanNumberLosesPlusAndCountryCode() {
        assertEquals(Optional.of("301234567"), germany.strip("+49301234567"));
    }

    @Test
    void internationalPrefixIsRemoved() {
        assertEquals(Optional.of("301234567"), germany.strip("0049301234567"));
    }

    @Test
    void nationalNumberLosesTrunkPrefixAndSpaces() {
        assertEquals(Optional.of("301234567"), germany.strip("030 1234567"));
        assertEquals(Optional.of("301234567"), germany.strip("(030) 123-45-67"));
    }

    @Test
    void e164UsNumberLosesPlusOne() {
        assertEquals(Optional.of("4155550100"), us.strip("+14155550100"));
    }

    @Test
    void nationalUsNumberIsKept() {
        assertEquals(Optional.of("4155550100"), us.strip("4155550100"));
        assertEquals(Optional.of("4155550100"), us.strip("(415) 555-0100"));
    }

    @Test
    void usInternationalPrefixIsRemoved() {
        assertEquals(Optional.of("301234567"), us.strip("01149301234567"));
    }

    @Test
    void countryCodeWithoutPlusAsWebexStripAniLeavesItIsRemovedToo() {
        assertEquals(Optional.of("301234567"), germany.strip("49301234567"));
        assertEquals(Optional.of("4155550100"), us.strip("14155550100"));
    }

    @Test
    void telUriIsAccepted() {
        assertEquals(Optional.of("301234567"), germany.strip("tel:+49301234567"));
    }

    @Test
    void foreignNumberKeepsItsNationalNumber() {
        assertEquals(Optional.of("142685300"), germany.strip("+33142685300"));
        assertEquals(Optional.of("4155550100"), germany.strip("+14155550100"));
        assertEquals(Optional.of("301234567"), us.strip("+49301234567"));
    }

    @Test
    void italianLeadingZeroIsPartOfTheNumber() {
        assertEquals(Optional.of("0612345678"), germany.strip("+390612345678"));
    }

    @Test
    void regionIsCaseInsensitive() {
        assertEquals(Optional.of("301234567"), new AniStripper("de").strip("+49301234567"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "anonymous", "Anonymous", "unknown", "restricted", "+", "abc", "1", "+491",
            "+49301234567890123456"})
    void withheldEmptyOrGarbageGivesEmpty(String ani) {
        assertEquals(Optional.empty(), germany.strip(ani));
    }

    @Test
    void lengthIsJudgedByTheNumbersCountry() {
        assertEquals(Optional.empty(), us.strip("12"));
        assertEquals(Optional.of("12"), germany.strip("12"));
    }

    @Test
    void unknownRegionIsRejectedAtConfiguration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AniStripper("XX"));
        assertEquals("unknown phone number region \"XX\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AniStripper(null));
    }
}
