package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneMatcherTest {
  private final PhoneMatcher germany = new PhoneMatcher("DE");
  private final PhoneMatcher us = new PhoneMatcher("US");

  @ParameterizedTest
  @ValueSource(strings = {"+49 30 1234567", "(030) 123-4567", "030/1234567", "0049 30 123 4567",
      "49301234567", "+49 (0)30 1234567", "301234567", "030-123 45 67"})
  void germanStrippedAniMatchesEveryNotation(String stored) {
    assertTrue(germany.caller("301234567").matches(stored), stored);
  }

  @ParameterizedTest
  @ValueSource(strings = {"301234567", "49301234567", "+49301234567", "0301234567"})
  void everyFormOfTheAniMatchesTheSameStoredNumber(String ani) {
    assertTrue(germany.caller(ani).matches("+49 30 1234567"), ani);
    assertTrue(germany.caller(ani).matches("(030) 123-4567"), ani);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1 (415) 555-0100", "(415) 555-0100", "415.555.0100", "14155550100",
      "+14155550100", "1-415-555-0100"})
  void usNumbers(String stored) {
    assertTrue(us.caller("14155550100").matches(stored), stored);
    assertTrue(us.caller("4155550100").matches(stored), stored);
  }

  @Test
  void sameTailDifferentNumberDoesNotMatch() {
    assertFalse(germany.caller("301234567").matches("+49 40 1234567"));
    assertFalse(germany.caller("301234567").matches("(089) 123-4567"));
    assertFalse(us.caller("14155550100").matches("+1 (212) 555-0100"));
  }

  @Test
  void aNationalNumberThatBeginsLike011IsReadNationallyWhenNoInternationalNumberFollows() {
    assertTrue(us.caller("+33114866061").matches("01 14 86 60 61"));
    assertTrue(us.caller("+33114866061").matches("+33 1 14 86 60 61"));
    assertTrue(us.caller("+4989123456").matches("011 49 89 123456"), "011 before a possible number is international");
    assertFalse(us.caller("+14866061").matches("0114866061"));
  }

  @Test
  void explicitDifferentCountriesDoNotMatch() {
    assertFalse(germany.caller("+49301234567").matches("+43 30 1234567"));
  }

  @Test
  void extensionIsIgnored() {
    assertTrue(us.caller("14155550100").matches("+1 415 555 0100 ext. 12"));
  }

  @Test
  void blankOrTextStoredValueNeverMatches() {
    assertFalse(germany.caller("301234567").matches(""));
    assertFalse(germany.caller("301234567").matches(null));
    assertFalse(germany.caller("301234567").matches("n/a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"301234567", "0301234567", "49301234567", "+49 30 1234567", "0049301234567"})
  void everyFormOfOneNumberHasOneCacheKey(String ani) {
    assertEquals("301234567", germany.caller(ani).cacheKey());
  }

  @Test
  void tailsAreTheLastDigitsOfTheAni() {
    PhoneMatcher.Caller caller = germany.caller("+49 30 1234567");
    assertEquals("1234567", caller.tail(7));
    assertEquals("4567", caller.tail(4));
    assertEquals("49301234567", caller.tail(20));
    assertEquals("49301234567", caller.digits());
  }
}
