package org.popline.ivr.engine;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.template.Templates;

/**
 * What every call's flow shares: activity types, templates, HTTP, the named connectors, the named
 * business hours and the clock they are read with.
 */
public record FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors,
        Map<String, BusinessHours> businessHours, Clock clock) {

    public FlowServices {
        connectors = Map.copyOf(connectors);
        businessHours = Map.copyOf(businessHours);
    }

    /** Services with no business hours configured, on the system clock. */
    public FlowServices(ActivityTypes types, Templates templates, HttpCaller http, Map<String, Connector> connectors) {
        this(types, templates, http, connectors, Map.of(), Clock.systemDefaultZone());
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
