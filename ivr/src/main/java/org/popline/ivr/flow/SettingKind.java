package org.popline.ivr.flow;

/** What a setting's value must look like; the loader converts and checks each value by its kind. */
public enum SettingKind {
    /** Plain text, used as is. */
    STRING,
    /** A {@code {{ }}} template, checked by the {@link ExpressionChecker}. */
    TEMPLATE,
    /** A JSONPath expression, checked by the {@link ExpressionChecker}. */
    JSONPATH,
    /** A number with a unit: {@code 500ms}, {@code 3s}, {@code 2m}. */
    DURATION,
    INTEGER,
    BOOLEAN,
    /** A mapping of names to values of the setting's value kind. */
    MAP,
    /** One of the setting's declared values. */
    ENUM,
    /** The name of a flow variable the activity writes to. */
    VARIABLE,
    /** Prompts played in order: a list of {@code {text: TEMPLATE}} or {@code {audio: TEMPLATE}}. */
    PROMPTS
}
