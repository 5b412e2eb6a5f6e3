package org.popline.ivr.ani;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneVariantsTest {

    private final PhoneVariants us = new PhoneVariants("US");

    @Test
    void aUsNumberInItsUsualNotations() {
        assertEquals(List.of("4155550100", "+14155550100", "(415) 555-0100", "+1 415-555-0100", "415 555 0100",
                "415-555-0100", "415.555.0100", "415/555/0100", "+1 415 555 0100"), us.of("+14155550100"));
    }

    @Test
    void aGermanNumberWithItsTrunkPrefixAndSlash() {
        assertEquals(List.of("309876543", "+49309876543", "030 9876543", "+49 30 9876543", "030-9876543",
                "030.9876543", "030/9876543"), us.of("+49 30 9876543"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+14155550100", "+49309876543", "+491514445556", "+35315550199", "+902125550107",
            "+34911234567", "+41446681800", "+390612345678", "4155550101"})
    void everyVariantHoldsTheWholeNationalNumber(String ani) {
        List<String> variants = us.of(ani);
        String national = variants.get(0);
        assertTrue(national.length() >= 7, national);
        for (String variant : variants) {
            assertTrue(variant.replaceAll("[^0-9]", "").contains(national), variant + " lacks " + national);
        }
    }

    @Test
    void aNationalNumberWithAStrayPlusIsReadInTheDefaultRegion() {
        assertEquals("4155550101", us.of("+4155550101").get(0), "+41 55550101 is no possible Swiss number");
        assertEquals("41446681800", us.of("+41446681800").get(1).substring(1), "a possible Swiss number stays Swiss");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"anonymous", "   ", "123", "+1555", "sip:alice@example.com"})
    void noVariantsForWhatIsNoPossibleNumber(String ani) {
        assertEquals(List.of(), us.of(ani));
    }

    @Test
    void anUnknownRegionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PhoneVariants("XX"));
    }
}
