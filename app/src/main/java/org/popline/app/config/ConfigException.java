package org.popline.app.config;

/** A configuration problem, worded for the person who edits the file: which file, which key, what is wrong. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static ConfigException at(String file, String key, String problem) {
        return new ConfigException(file + ": " + key + ": " + problem);
    }
}
