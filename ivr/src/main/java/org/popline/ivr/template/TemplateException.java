package org.popline.ivr.template;

/** A template that does not parse, names a filter that does not exist, or cannot be rendered. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }

    public TemplateException(String message) {
        super(message);
    }
}
