package org.popline.ivr.engine;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.template.Templates;

/**
 * What every call's flow shares: activity types, templates, HTTP, the named connectors, the CRM's
 * caller lookup, the named business hours and the clock they are read with.
 */
public record FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors,
        CustomerDirectory customers, Map<String, BusinessHours> businessHours, Clock clock) {

    public FlowServices {
        connectors = Map.copyOf(connectors);
        Objects.requireNonNull(customers, "customers");
        businessHours = Map.copyOf(businessHours);
    }

    /** Services without a CRM lookup (find-customer activities take their error link) or business hours. */
    public FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors) {
        this(types, templates, http, connectors, CustomerDirectory.NONE);
    }

    /** Services with the CRM's caller lookup, no business hours, on the system clock. */
    public FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors,
            CustomerDirectory customers) {
        this(types, templates, http, connectors, customers, Map.of(), Clock.systemDefaultZone());
    }

    /** Services with business hours read on the given clock, no CRM lookup. */
    public FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors,
            Map<String, BusinessHours> businessHours, Clock clock) {
        this(types, templates, http, connectors, CustomerDirectory.NONE, businessHours, clock);
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
