package org.popline.ivr.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One named step of a flow: its type name, its settings and its links from outcome to activity name. */
public record Activity(String name, String type, Settings settings, Map<String, String> links) {

    public Activity {
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
    }

    public Optional<String> link(String outcome) {
        return Optional.ofNullable(links.get(outcome));
    }
}
