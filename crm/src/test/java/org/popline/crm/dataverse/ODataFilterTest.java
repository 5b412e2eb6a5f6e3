package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ODataFilterTest {

  @Test
  void literalDoublesEverySingleQuote() {
    assertEquals("'O''Bryan'", ODataFilter.literal("O'Bryan"));
    assertEquals("''''''", ODataFilter.literal("''"));
    assertEquals("''", ODataFilter.literal(""));
  }

  @Test
  void quoteCannotCloseTheLiteralEarly() {
    assertEquals("fullname eq 'x'' or fullname ne ''y'",
        ODataFilter.eq("fullname", "x' or fullname ne 'y"));
  }

  @Test
  void stringFunctions() {
    assertEquals("contains(telephone1,'1234567')", ODataFilter.contains("telephone1", "1234567"));
    assertEquals("endswith(mobilephone,'4567')", ODataFilter.endsWith("mobilephone", "4567"));
  }

  @Test
  void numbersAreUnquoted() {
    assertEquals("statecode eq 0", ODataFilter.eq("statecode", 0));
  }

  @Test
  void orAndAndParenthesiseTheirTerms() {
    assertEquals("(a eq 'x') or (b eq 'y')", ODataFilter.or(ODataFilter.eq("a", "x"), ODataFilter.eq("b", "y")));
    assertEquals("(a eq 1) and ((b eq 2) or (c eq 3))",
        ODataFilter.and(ODataFilter.eq("a", 1), ODataFilter.or(ODataFilter.eq("b", 2), ODataFilter.eq("c", 3))));
    assertEquals("a eq 1", ODataFilter.or(ODataFilter.eq("a", 1)));
  }

  @Test
  void guidIsValidatedAndLowerCased() {
    assertEquals("_customerid_value eq 70bf4d48-34cb-ed11-b596-0022481d68cd",
        ODataFilter.eqGuid("_customerid_value", "70BF4D48-34CB-ED11-B596-0022481D68CD"));
    assertThrows(IllegalArgumentException.class,
        () -> ODataFilter.eqGuid("_customerid_value", "70bf4d48' or 1 eq 1"));
  }

  @Test
  void columnNamesAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> ODataFilter.eq("full name", "x"));
    assertThrows(IllegalArgumentException.class, () -> ODataFilter.contains("a)", "x"));
  }
}
