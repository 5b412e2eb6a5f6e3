package org.popline.ivr.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an activity type declares about itself: its settings, its outcome links, groups of
 * settings of which at least one must be given (a play-message needs {@code text} or
 * {@code audio}), and settings that need another one ({@code path} needs {@code connector}).
 * Validation reads only this, so a new type needs no change to the loader.
 */
public record ActivitySchema(
        String type, List<SettingSpec> settings, LinkSpec links, List<List<String>> anyOf, Map<String, String> needs) {

    public ActivitySchema {
        settings = List.copyOf(settings);
        anyOf = anyOf.stream().map(List::copyOf).toList();
        needs = Map.copyOf(needs);
    }

    public ActivitySchema(String type, List<SettingSpec> settings, LinkSpec links) {
        this(type, settings, links, List.of(), Map.of());
    }

    public Optional<SettingSpec> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
