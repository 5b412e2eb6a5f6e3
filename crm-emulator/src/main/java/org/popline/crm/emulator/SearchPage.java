package org.popline.crm.emulator;

import java.util.List;
import org.popline.crm.emulator.odata.EntityRecord;

/**
 * {@code main.aspx?pagetype=search&searchText=...}, the page a screen pop opens for a number several contacts
 * share: the contacts whose phone columns hold that number (one ends with the other, so "030 9876543" is found
 * for "+49309876543"), each linked to its form. A lab stand-in for Dynamics' search, which matches phone numbers by their digits too.
 */
final class SearchPage {

    /** Fewer digits than this are too short to tell numbers apart. */
    private static final int SIGNIFICANT_DIGITS = 7;
    private static final List<String> PHONES = List.of("telephone1", "mobilephone", "telephone2");

    private final CrmStore store;

    SearchPage(CrmStore store) {
        this.store = store;
    }

    String render(String searchText) {
        String wanted = digits(searchText);
        StringBuilder rows = new StringBuilder();
        int found = 0;
        for (EntityRecord contact : store.all(EntityTypes.CONTACT)) {
            if (wanted.length() >= SIGNIFICANT_DIGITS && PHONES.stream().anyMatch(c -> holds(contact.getString(c), wanted))) {
                found++;
                rows.append("<tr class=\"result\"><td><a href=\"")
                        .append(FormPages.recordUrl("contact", contact.getString("contactid"))).append("\">")
                        .append(Html.escape(contact.get("fullname"))).append("</a></td>");
                for (String column : PHONES) {
                    rows.append("<td>").append(Html.escape(contact.get(column))).append("</td>");
                }
                rows.append("</tr>");
            }
        }
        String body = "<h1>Search: <span id=\"searchText\">" + Html.escape(searchText) + "</span></h1>"
                + "<p id=\"count\">" + found + (found == 1 ? " contact" : " contacts") + "</p>"
                + "<table><tr><th>Full name</th><th>Business phone</th><th>Mobile phone</th><th>Home phone</th></tr>"
                + rows + "</table>";
        return Html.page("Search", body);
    }

    /** One number ends with the other, prefixes (+, 00, country code, trunk 0) aside. */
    private static boolean holds(String phone, String wanted) {
        String stored = digits(phone);
        return stored.length() >= SIGNIFICANT_DIGITS && (wanted.endsWith(stored) || stored.endsWith(wanted));
    }

    /** The digits without "(0)" and leading zeros. */
    private static String digits(String text) {
        return text == null ? "" : text.replace("(0)", "").replaceAll("[^0-9]", "").replaceFirst("^0+", "");
    }
}
