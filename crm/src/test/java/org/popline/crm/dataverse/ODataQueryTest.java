package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ODataQueryTest {

  @Test
  void rendersEveryOptionInOrder() {
    String uri = ODataQuery.of("incidents")
        .select("title", "ticketnumber")
        .filter(ODataFilter.eqGuid("_customerid_value", "49B0BE2E-D01C-ED11-B83E-000D3A572421"))
        .orderByDescending("createdon")
        .top(1)
        .toRelativeUri();
    assertEquals("incidents?$select=title,ticketnumber"
        + "&$filter=_customerid_value%20eq%2049b0be2e-d01c-ed11-b83e-000d3a572421"
        + "&$orderby=createdon%20desc&$top=1", uri);
  }

  @Test
  void plusBecomesPercent2BAndSpacePercent20() {
    String uri = ODataQuery.of("contacts").filter(ODataFilter.contains("telephone1", "+49 30")).toRelativeUri();
    assertEquals("contacts?$filter=contains(telephone1,'%2B49%2030')", uri);
  }

  @Test
  void quoteInANameIsDoubledThenKeptLiteral() {
    String uri = ODataQuery.of("contacts").filter(ODataFilter.eq("lastname", "O'Bryan")).toRelativeUri();
    assertEquals("contacts?$filter=lastname%20eq%20'O''Bryan'", uri);
  }

  @Test
  void nonAsciiIsEncodedAsUtf8() {
    assertEquals("M%C3%BCller%26Co%3D%23%25", ODataQuery.encode("Müller&Co=#%"));
  }

  @Test
  void entitySetAloneHasNoQuery() {
    assertEquals("contacts", ODataQuery.of("contacts").toRelativeUri());
  }

  @Test
  void orderByAscendingAndSeveralColumns() {
    assertEquals("contacts?$orderby=lastname%20asc,createdon%20desc",
        ODataQuery.of("contacts").orderByAscending("lastname").orderByDescending("createdon").toRelativeUri());
  }

  @Test
  void rejectsTopOutOfRangeAndBadColumns() {
    assertThrows(IllegalArgumentException.class, () -> ODataQuery.of("contacts").top(0));
    assertThrows(IllegalArgumentException.class, () -> ODataQuery.of("contacts").top(5001));
    assertThrows(IllegalArgumentException.class, () -> ODataQuery.of("contacts").select("fullname,x"));
    assertThrows(IllegalArgumentException.class, () -> ODataQuery.of("contacts?x"));
  }
}
