package org.popline.ivr.flow;

import java.util.List;

/**
 * One declared setting of an activity type. {@code values} lists the choices of an
 * {@link SettingKind#ENUM}; {@code valueKind} and {@code keys} describe the entries of a
 * {@link SettingKind#MAP}.
 */
public record SettingSpec(
        String name, boolean required, SettingKind kind, List<String> values, SettingKind valueKind, MapKeys keys) {

    public SettingSpec {
        values = List.copyOf(values);
    }

    public static SettingSpec required(String name, SettingKind kind) {
        return new SettingSpec(name, true, kind, List.of(), null, null);
    }

    public static SettingSpec optional(String name, SettingKind kind) {
        return new SettingSpec(name, false, kind, List.of(), null, null);
    }

    public static SettingSpec oneOf(String name, boolean required, String... values) {
        return new SettingSpec(name, required, SettingKind.ENUM, List.of(values), null, null);
    }

    public static SettingSpec map(String name, boolean required, MapKeys keys, SettingKind valueKind) {
        return new SettingSpec(name, required, SettingKind.MAP, List.of(), valueKind, keys);
    }
}
