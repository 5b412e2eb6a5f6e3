package org.popline.ivr.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.template.Templates;

/**
 * What every call's flow shares: activity types, templates, HTTP, the named connectors and the CRM's
 * caller lookup.
 */
public record FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors,
                           CustomerDirectory customers) {

    public FlowServices {
        connectors = Map.copyOf(connectors);
        Objects.requireNonNull(customers, "customers");
    }

    /** Services without a CRM lookup: find-customer activities take their error link. */
    public FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors) {
        this(types, templates, http, connectors, CustomerDirectory.NONE);
    }

    /**
     * What templates see as {@code connectors.NAME}: {@code base}, the URL relative paths resolve
     * against, and {@code root}, the service's own root, where Dynamics' {@code main.aspx} forms live.
     */
    Map<String, Object> templateView() {
        Map<String, Object> view = new TreeMap<>();
        connectors.forEach((name, c) -> view.put(name,
                Map.of("base", c.baseUrl().toString(), "root", c.baseUrl().resolve("/").toString())));
        return view;
    }

    Optional<Connector> connector(String name) {
        return Optional.ofNullable(connectors.get(name));
    }
}
