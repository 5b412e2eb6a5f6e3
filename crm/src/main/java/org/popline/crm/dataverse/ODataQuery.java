package org.popline.crm.dataverse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Web API collection query: entity set plus $select, $filter, $orderby and $top, rendered as the
 * relative URI to append to the service root. Every option value is percent-encoded whole, so a
 * '+' in a phone number reaches Dataverse as '+' (%2B) rather than as a space.
 */
public final class ODataQuery {
  private final String entitySet;
  private final List<String> select = new ArrayList<>();
  private final List<String> orderBy = new ArrayList<>();
  private String filter;
  private Integer top;

  private ODataQuery(String entitySet) {
    this.entitySet = ODataFilter.column(entitySet);
  }

  public static ODataQuery of(String entitySet) {
    return new ODataQuery(entitySet);
  }

  public ODataQuery select(List<String> columns) {
    columns.forEach(c -> select.add(ODataFilter.column(c)));
    return this;
  }

  public ODataQuery select(String... columns) {
    return select(List.of(columns));
  }

  /** Sets the filter; build it with {@link ODataFilter} so values are quoted correctly. */
  public ODataQuery filter(String expression) {
    this.filter = expression;
    return this;
  }

  public ODataQuery orderByDescending(String column) {
    orderBy.add(ODataFilter.column(column) + " desc");
    return this;
  }

  public ODataQuery orderByAscending(String column) {
    orderBy.add(ODataFilter.column(column) + " asc");
    return this;
  }

  public ODataQuery top(int rows) {
    if (rows < 1 || rows > 5000) {
      throw new IllegalArgumentException("$top must be 1..5000, was " + rows);
    }
    this.top = rows;
    return this;
  }

  /** The relative URI, e.g. {@code contacts?$select=fullname&$filter=...}. */
  public String toRelativeUri() {
    List<String> options = new ArrayList<>();
    if (!select.isEmpty()) {
      options.add("$select=" + encode(String.join(",", select)));
    }
    if (filter != null) {
      options.add("$filter=" + encode(filter));
    }
    if (!orderBy.isEmpty()) {
      options.add("$orderby=" + encode(String.join(",", orderBy)));
    }
    if (top != null) {
      options.add("$top=" + top);
    }
    return options.isEmpty() ? entitySet : entitySet + "?" + String.join("&", options);
  }

  @Override
  public String toString() {
    return toRelativeUri();
  }

  /**
   * Percent-encodes a query option value. Unlike URLEncoder (form encoding) a space becomes %20,
   * not '+', which Dataverse would not read as a space; only RFC 3986 unreserved characters and
   * the OData punctuation ' ( ) , stay literal.
   */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isLiteral(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean isLiteral(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~'(),".indexOf(c) >= 0;
  }
}
