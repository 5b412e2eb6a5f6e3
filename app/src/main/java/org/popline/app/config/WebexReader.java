package org.popline.app.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.popline.ivr.webex.WebexMapping;

/**
 * Reads the {@code webex} section: what a Flow Designer export names by id ({@code connectorId},
 * queue ids, {@code businessHoursId}) mapped to this server's connector, queues and schedules.
 */
final class WebexReader {
    private WebexReader() {
    }

    /**
     * @param queues the configured queue names; the first is the default queue unless
     *     {@code webex.default-queue} names another
     * @param schedules the configured {@code business-hours} names
     */
    static WebexMapping read(ConfigReader r, List<String> queues, Collection<String> schedules)
            throws ConfigException {
        // Popline has one CRM connector: every connectorId maps to it unless listed otherwise.
        Map<String, String> connectors = ids(r, "webex.connectors", "connector id to connector", "connector",
                "connectors", List.of(CrmConfig.CONNECTOR));
        Map<String, String> queueIds = ids(r, "webex.queues", "queue id to queue", "queue", "queues", queues);
        String defaultQueue = r.string("webex.default-queue", queues.isEmpty() ? "" : queues.get(0));
        if (r.has("webex.default-queue")) {
            named(r, "webex.default-queue", defaultQueue, "queue", "queues", queues);
        }
        Map<String, String> hours = ids(r, "webex.business-hours", "business hours id to schedule",
                "business hours", "business-hours", schedules);
        return new WebexMapping(connectors, Optional.of(CrmConfig.CONNECTOR), queueIds, queues, defaultQueue, hours,
                Optional.of(CrmConfig.CONNECTOR));
    }

    /** A mapping of the export's ids to names this configuration defines. */
    private static Map<String, String> ids(ConfigReader r, String key, String what, String thing, String section,
            Collection<String> known) throws ConfigException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String id : r.names(key, what)) {
            String entry = key + "." + id;
            ids.put(id, named(r, entry, r.string(entry, ""), thing, section, known));
        }
        return ids;
    }

    private static String named(ConfigReader r, String key, String name, String thing, String section,
            Collection<String> known) throws ConfigException {
        if (!known.contains(name)) {
            throw r.error(key, "no " + thing + " named '" + name + "' (" + section + ": "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
        return name;
    }
}
