package org.popline.crm.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.popline.crm.emulator.odata.EntityRecord;

/** The HTML of the screen-pop forms: a case, a contact, and the new-case and new-contact forms. */
final class FormPages {

    private final CrmStore store;

    FormPages(CrmStore store) {
        this.store = store;
    }

    static String recordUrl(String etn, String id) {
        return "main.aspx?pagetype=entityrecord&etn=" + etn + "&id=" + id;
    }

    String incident(EntityRecord incident) {
        String customerId = incident.getString("_customerid_value");
        EntityRecord customer = customerId == null ? null : store.find(EntityTypes.CONTACT, customerId).orElse(null);
        String customerCell = customer == null ? ""
                : "<a href=\"" + recordUrl("contact", customerId) + "\">" + Html.escape(customer.get("fullname"))
                + "</a>";
        String body = "<h1 id=\"title\">" + Html.escape(incident.get("title")) + "</h1>"
                + "<div class=\"sub\">Case &middot; <span id=\"ticketnumber\">"
                + Html.escape(incident.get("ticketnumber")) + "</span></div><dl>"
                + row("Case number", "ticketnumber-field", Html.escape(incident.get("ticketnumber")))
                + row("Customer", "customer", customerCell)
                + row("Status", "statecode", Html.escape(StateNames.state(EntityTypes.INCIDENT,
                        (Integer) incident.get("statecode"))))
                + row("Status reason", "statuscode", Html.escape(StateNames.status(EntityTypes.INCIDENT,
                        (Integer) incident.get("statuscode"))))
                + row("Origin", "caseorigincode", Html.escape(StateNames.origin((Integer) incident.get("caseorigincode"))))
                + row("Created on", "createdon", Html.escape(JsonValues.json(incident.get("createdon"))))
                + row("Description", "description", Html.escape(incident.get("description")))
                + "</dl>";
        return Html.page("Case " + incident.getString("ticketnumber"), body);
    }

    String contact(EntityRecord contact) {
        String id = contact.getString("contactid");
        List<EntityRecord> cases = store.all(EntityTypes.INCIDENT).stream()
                .filter(c -> id.equals(c.get("_customerid_value")))
                .sorted(Comparator.comparing((EntityRecord c) -> c.getString("createdon")).reversed())
                .collect(Collectors.toList());
        StringBuilder caseRows = new StringBuilder();
        for (EntityRecord c : cases) {
            caseRows.append("<tr><td><a href=\"").append(recordUrl("incident", c.getString("incidentid")))
                    .append("\">").append(Html.escape(c.get("ticketnumber"))).append("</a></td><td>")
                    .append(Html.escape(c.get("title"))).append("</td><td>")
                    .append(Html.escape(StateNames.state(EntityTypes.INCIDENT, (Integer) c.get("statecode"))))
                    .append("</td><td>").append(Html.escape(JsonValues.json(c.get("createdon")))).append("</td></tr>");
        }
        String newCase = "main.aspx?pagetype=entityrecord&etn=incident&extraqs=" + encode("customerid=" + id
                + "&customeridname=" + encode(contact.getString("fullname")) + "&customeridtype=contact");
        String body = "<h1 id=\"fullname\">" + Html.escape(contact.get("fullname")) + "</h1>"
                + "<div class=\"sub\">Contact</div><dl>"
                + row("Business phone", "telephone1", Html.escape(contact.get("telephone1")))
                + row("Mobile phone", "mobilephone", Html.escape(contact.get("mobilephone")))
                + row("Home phone", "telephone2", Html.escape(contact.get("telephone2")))
                + row("Email", "emailaddress1", Html.escape(contact.get("emailaddress1")))
                + "</dl><h2>Cases</h2>"
                + (cases.isEmpty() ? "<p id=\"nocases\">No cases.</p>"
                : "<table><tr><th>Case number</th><th>Title</th><th>Status</th><th>Created on</th></tr>"
                + caseRows + "</table>")
                + "<p><a href=\"" + Html.escape(newCase) + "\">New case for this contact</a></p>";
        return Html.page(contact.getString("fullname"), body);
    }

    /** The new-case form; {@code prefill} holds the decoded extraqs fields and anything typed before an error. */
    String newIncident(Map<String, String> prefill, String error) {
        String customerId = prefill.getOrDefault("customerid", "");
        String customerName = prefill.getOrDefault("customeridname", "");
        String origin = prefill.getOrDefault("caseorigincode", "1");
        String body = "<h1>New Case</h1><div class=\"sub\">Case &middot; New</div>" + errorLine(error)
                + "<form method=\"post\" action=\"main.aspx\"><input type=\"hidden\" name=\"etn\" value=\"incident\">"
                + "<label for=\"title\">Case title</label>"
                + "<input id=\"title\" name=\"title\" required value=\"" + Html.escape(prefill.get("title")) + "\">"
                + "<label for=\"customeridname\">Customer</label>"
                + "<input id=\"customeridname\" name=\"customeridname\" readonly value=\"" + Html.escape(customerName)
                + "\"><input type=\"hidden\" id=\"customerid\" name=\"customerid\" value=\""
                + Html.escape(customerId) + "\"><input type=\"hidden\" name=\"customeridtype\" value=\""
                + Html.escape(prefill.getOrDefault("customeridtype", "contact")) + "\">"
                + "<label for=\"caseorigincode\">Origin</label><select id=\"caseorigincode\" name=\"caseorigincode\">"
                + option("1", "Phone", origin) + option("2", "Email", origin) + option("3", "Web", origin)
                + "</select><label for=\"description\">Description</label>"
                + "<textarea id=\"description\" name=\"description\" rows=\"4\">"
                + Html.escape(prefill.get("description")) + "</textarea>"
                + "<button type=\"submit\">Save</button></form>";
        return Html.page("New Case", body);
    }

    String newContact(Map<String, String> prefill, String error) {
        StringBuilder fields = new StringBuilder();
        for (String[] field : new String[][] {{"firstname", "First name"}, {"lastname", "Last name"},
                {"telephone1", "Business phone"}, {"mobilephone", "Mobile phone"}, {"telephone2", "Home phone"},
                {"emailaddress1", "Email"}}) {
            fields.append("<label for=\"").append(field[0]).append("\">").append(field[1]).append("</label>")
                    .append("<input id=\"").append(field[0]).append("\" name=\"").append(field[0])
                    .append("\" value=\"").append(Html.escape(prefill.get(field[0]))).append("\"")
                    .append(field[0].equals("lastname") ? " required" : "").append(">");
        }
        String body = "<h1>New Contact</h1><div class=\"sub\">Contact &middot; New</div>" + errorLine(error)
                + "<form method=\"post\" action=\"main.aspx\"><input type=\"hidden\" name=\"etn\" value=\"contact\">"
                + fields + "<button type=\"submit\">Save</button></form>";
        return Html.page("New Contact", body);
    }

    static String message(String title, String text) {
        return Html.page(title, "<h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text) + "</p>");
    }

    private static String row(String label, String id, String valueHtml) {
        return "<dt>" + Html.escape(label) + "</dt><dd id=\"" + id + "\">" + valueHtml + "</dd>";
    }

    private static String option(String value, String label, String selected) {
        return "<option value=\"" + value + "\"" + (value.equals(selected) ? " selected" : "") + ">" + label
                + "</option>";
    }

    private static String errorLine(String error) {
        return error == null ? "" : "<p class=\"error\" id=\"error\">" + Html.escape(error) + "</p>";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
