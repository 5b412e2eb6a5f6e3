package org.popline.ivr.flow;

import java.util.List;
import java.util.Optional;

/**
 * What an activity type declares about itself: its settings, its outcome links, and groups of
 * settings of which at least one must be given (a play-message needs {@code text} or
 * {@code audio}). Validation reads only this, so a new type needs no change to the loader.
 */
public record ActivitySchema(String type, List<SettingSpec> settings, LinkSpec links, List<List<String>> anyOf) {

    public ActivitySchema {
        settings = List.copyOf(settings);
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    public ActivitySchema(String type, List<SettingSpec> settings, LinkSpec links) {
        this(type, settings, links, List.of());
    }

    public Optional<SettingSpec> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
