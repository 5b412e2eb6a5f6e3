package org.popline.crm.dataverse;

import java.util.ArrayList;
import java.util.List;

/**
 * The server-side half of finding a caller: a {@code $filter} that narrows the contacts to those
 * whose phone columns end in the caller's last seven digits, however the stored text groups them.
 * Dataverse compares raw text only, so the usual groupings are spelled out with the LIKE wildcard
 * {@code _} (one character) standing for the separator: unbroken ("2345678", also inside the text),
 * one separator anywhere ("234-5678", "89 23456"), a closing bracket and space after a short area
 * code ("(0711) 769244"), and the European groupings "3 45 67 89" and "123 45 67". Which candidates really are the caller's number is then decided by
 * {@link PhoneMatcher}.
 */
final class PhoneSearch {
  static final int TAIL = 7;

  private PhoneSearch() {}

  static String filter(PhoneMatcher.Caller caller, List<String> columns) {
    List<String> terms = new ArrayList<>();
    for (String column : columns) {
      terms.addAll(terms(column, caller.tail(TAIL)));
    }
    return ODataFilter.or(terms);
  }

  private static List<String> terms(String column, String tail) {
    List<String> terms = new ArrayList<>();
    terms.add(ODataFilter.contains(column, tail));
    if (tail.length() < TAIL) {
      return terms;
    }
    for (int split = 1; split < TAIL; split++) {
      terms.add(ODataFilter.endsWith(column, tail.substring(0, split) + "_" + tail.substring(split)));
    }
    // ") " after an area code: "(0711) 769244"
    for (int split = 1; split <= 3; split++) {
      terms.add(ODataFilter.endsWith(column, tail.substring(0, split) + "__" + tail.substring(split)));
    }
    terms.add(ODataFilter.endsWith(column, grouped(tail, 1, 2, 2, 2)));
    terms.add(ODataFilter.endsWith(column, grouped(tail, 3, 2, 2)));
    return terms;
  }

  /** The digits in groups of the given sizes, each pair of groups joined by "_". */
  private static String grouped(String digits, int... sizes) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      if (at > 0) {
        out.append('_');
      }
      out.append(digits, at, at + size);
      at += size;
    }
    return out.toString();
  }
}
