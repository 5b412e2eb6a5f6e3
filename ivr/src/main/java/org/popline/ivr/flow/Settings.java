package org.popline.ivr.flow;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An activity's settings, already converted by kind: text kinds are {@link String}, durations
 * {@link Duration}, integers {@link Integer}, booleans {@link Boolean}, maps an ordered
 * {@code Map<String, String>} and prompt lists a {@code List<PromptPart>}. Only settings given in the file are present.
 */
public final class Settings {
    private final Map<String, Object> values;

    public Settings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Optional<String> text(String name) {
        return get(name, String.class);
    }

    public Optional<Duration> duration(String name) {
        return get(name, Duration.class);
    }

    public Optional<Integer> integer(String name) {
        return get(name, Integer.class);
    }

    public Optional<Boolean> bool(String name) {
        return get(name, Boolean.class);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(String name) {
        return get(name, Map.class).map(m -> (Map<String, String>) m).orElse(Map.of());
    }

    /** A {@link SettingKind#PROMPTS} setting; empty when not given. */
    @SuppressWarnings("unchecked")
    public List<PromptPart> prompts(String name) {
        return get(name, List.class).map(l -> (List<PromptPart>) l).orElse(List.of());
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private <T> Optional<T> get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("setting " + name + " is not a " + type.getSimpleName());
        }
        return Optional.ofNullable(type.cast(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
