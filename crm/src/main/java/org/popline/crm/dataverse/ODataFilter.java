package org.popline.crm.dataverse;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds $filter expressions. Column names and GUIDs are validated and string values quoted here,
 * so no caller-supplied text (an ANI, a name) can change the shape of the filter.
 */
public final class ODataFilter {
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ODataFilter() {}

  /** An OData string literal: single quotes inside are doubled, as Dataverse requires. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  public static String eq(String column, String value) {
    return column(column) + " eq " + literal(value);
  }

  public static String eq(String column, int value) {
    return column(column) + " eq " + value;
  }

  /** Compares a lookup or key column with a GUID, in OData's unquoted GUID form. */
  public static String eqGuid(String column, String guid) {
    if (!GUID.matcher(guid).matches()) {
      throw new IllegalArgumentException("not a GUID: " + guid);
    }
    return column(column) + " eq " + guid.toLowerCase(java.util.Locale.ROOT);
  }

  public static String contains(String column, String value) {
    return "contains(" + column(column) + "," + literal(value) + ")";
  }

  public static String endsWith(String column, String value) {
    return "endswith(" + column(column) + "," + literal(value) + ")";
  }

  public static String or(List<String> terms) {
    return join(" or ", terms);
  }

  public static String or(String... terms) {
    return or(Arrays.asList(terms));
  }

  public static String and(String... terms) {
    return join(" and ", Arrays.asList(terms));
  }

  static String column(String name) {
    if (!COLUMN.matcher(name).matches()) {
      throw new IllegalArgumentException("not a column name: " + name);
    }
    return name;
  }

  private static String join(String operator, List<String> terms) {
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("no terms to join with" + operator);
    }
    if (terms.size() == 1) {
      return terms.get(0);
    }
    return terms.stream().map(t -> "(" + t + ")").collect(Collectors.joining(operator));
  }
}
