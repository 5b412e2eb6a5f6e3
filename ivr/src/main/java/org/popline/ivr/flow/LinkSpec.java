package org.popline.ivr.flow;

import java.util.List;

/**
 * The outcomes an activity type can link on. A required outcome must be linked; an optional one
 * may be left out (see each type for what happens then). {@code keysFromSetting} names a
 * {@link MapKeys#PHONE_KEYS} map setting whose keys are further required outcomes, as a menu's
 * choices are.
 */
public record LinkSpec(List<String> required, List<String> optional, String keysFromSetting) {

    public LinkSpec {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    public static LinkSpec none() {
        return new LinkSpec(List.of(), List.of(), null);
    }

    public static LinkSpec required(String... outcomes) {
        return new LinkSpec(List.of(outcomes), List.of(), null);
    }

    public LinkSpec withOptional(String... outcomes) {
        return new LinkSpec(required, List.of(outcomes), keysFromSetting);
    }

    public LinkSpec withKeysFrom(String setting) {
        return new LinkSpec(required, optional, setting);
    }
}
