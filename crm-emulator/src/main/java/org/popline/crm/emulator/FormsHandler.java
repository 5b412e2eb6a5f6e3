package org.popline.crm.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.popline.crm.emulator.odata.ColumnType;
import org.popline.crm.emulator.odata.EntityRecord;
import org.popline.crm.emulator.odata.EntityType;
import org.popline.crm.emulator.odata.QueryString;

/**
 * {@code /main.aspx}, the URL a Dynamics screen pop opens: {@code pagetype=entityrecord&etn=incident|contact}
 * with {@code id} shows the record, without it a new-record form prefilled from {@code extraqs}; POST saves it and
 * redirects to the new record; {@code pagetype=search&searchText=} lists the contacts with a number. Like the lab
 * it serves, it asks for no sign-in.
 */
final class FormsHandler implements HttpHandler {

    private final CrmStore store;
    private final FormPages pages;
    private final SearchPage search;

    FormsHandler(CrmStore store) {
        this.store = store;
        this.pages = new FormPages(store);
        this.search = new SearchPage(store);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            save(exchange, QueryString.parse(Exchanges.body(exchange)));
            return;
        }
        Map<String, String> params = QueryString.parse(exchange.getRequestURI().getRawQuery());
        String pageType = params.getOrDefault("pagetype", "entityrecord");
        if (pageType.equals("search")) {
            Exchanges.sendHtml(exchange, 200, search.render(params.getOrDefault("searchText", "")));
            return;
        }
        EntityType type = EntityTypes.byLogicalName(params.getOrDefault("etn", "")).orElse(null);
        if (!pageType.equals("entityrecord") || type == null) {
            Exchanges.sendHtml(exchange, 400, FormPages.message("Invalid page",
                    "Use pagetype=entityrecord with etn=incident or etn=contact, or pagetype=search with searchText."));
            return;
        }
        String id = params.getOrDefault("id", "").replace("{", "").replace("}", "").trim();
        if (id.isEmpty()) {
            Map<String, String> prefill = QueryString.parse(params.get("extraqs"));
            prefill.computeIfPresent("customerid", (k, v) -> v.replace("{", "").replace("}", ""));
            Exchanges.sendHtml(exchange, 200, type == EntityTypes.INCIDENT
                    ? pages.newIncident(prefill, null) : pages.newContact(prefill, null));
            return;
        }
        EntityRecord record = ColumnType.isGuid(id) ? store.find(type, id).orElse(null) : null;
        if (record == null) {
            Exchanges.sendHtml(exchange, 404, FormPages.message("Record Is Unavailable",
                    "The requested record was not found or you do not have sufficient permissions to view it."));
            return;
        }
        Exchanges.sendHtml(exchange, 200, type == EntityTypes.INCIDENT ? pages.incident(record)
                : pages.contact(record));
    }

    private void save(HttpExchange exchange, Map<String, String> form) throws IOException {
        String etn = form.getOrDefault("etn", "");
        if (etn.equals("incident")) {
            saveIncident(exchange, form);
        } else if (etn.equals("contact")) {
            saveContact(exchange, form);
        } else {
            Exchanges.sendHtml(exchange, 400, FormPages.message("Invalid form", "Unknown entity '" + etn + "'."));
        }
    }

    private void saveIncident(HttpExchange exchange, Map<String, String> form) throws IOException {
        String customerId = form.getOrDefault("customerid", "").trim();
        String title = form.getOrDefault("title", "").trim();
        String error = null;
        if (title.isEmpty()) {
            error = "Case title: Required fields must be filled in.";
        } else if (!ColumnType.isGuid(customerId) || store.find(EntityTypes.CONTACT, customerId).isEmpty()) {
            error = "Customer: a case needs an existing contact as its customer.";
        }
        if (error != null) {
            Exchanges.sendHtml(exchange, 400, pages.newIncident(form, error));
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", title);
        values.put("_customerid_value", customerId.toLowerCase());
        values.put("caseorigincode", parseOrigin(form.get("caseorigincode")));
        String description = form.getOrDefault("description", "").trim();
        if (!description.isEmpty()) {
            values.put("description", description);
        }
        EntityRecord created = store.create(EntityTypes.INCIDENT, values);
        Exchanges.redirect(exchange, FormPages.recordUrl("incident", created.getString("incidentid")));
    }

    private static Integer parseOrigin(String value) {
        return "2".equals(value) || "3".equals(value) ? Integer.valueOf(value) : 1;
    }

    private void saveContact(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (form.getOrDefault("lastname", "").isBlank()) {
            Exchanges.sendHtml(exchange, 400, pages.newContact(form, "Last name: Required fields must be filled in."));
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String column : new String[] {"firstname", "lastname", "telephone1", "mobilephone", "telephone2",
                "emailaddress1"}) {
            String value = form.getOrDefault(column, "").trim();
            if (!value.isEmpty()) {
                values.put(column, value);
            }
        }
        EntityRecord created = store.create(EntityTypes.CONTACT, values);
        Exchanges.redirect(exchange, FormPages.recordUrl("contact", created.getString("contactid")));
    }
}
