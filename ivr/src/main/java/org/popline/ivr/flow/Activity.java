package org.popline.ivr.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One named step of a flow: its type name, its settings and its links from outcome to activity name.
 *
 * @param secure what the caller enters here is personal: the engine masks the keys taken and the
 *               values the activity produces in logs, traces, the call's views and its record,
 *               whatever the activity's type
 */
public record Activity(String name, String type, Settings settings, Map<String, String> links, boolean secure) {

    public Activity {
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
    }

    public Activity(String name, String type, Settings settings, Map<String, String> links) {
        this(name, type, settings, links, false);
    }

    public Optional<String> link(String outcome) {
        return Optional.ofNullable(links.get(outcome));
    }
}
