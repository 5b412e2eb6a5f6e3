package org.popline.ivr.flow;

/** What the keys of a {@link SettingKind#MAP} setting are. */
public enum MapKeys {
    /** Free names, such as HTTP header names. */
    ANY,
    /** Flow variables the activity writes to; they count as declared for templates. */
    VARIABLES,
    /** Single phone keys (0-9, *, #); each one is also a required link of the activity. */
    PHONE_KEYS
}
