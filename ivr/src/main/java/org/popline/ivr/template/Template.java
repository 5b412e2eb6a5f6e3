package org.popline.ivr.template;

import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.Set;

/**
 * A template that has passed {@link Templates#compile}: its syntax and filter names are known to be good.
 *
 * @param source    the text as written in the flow file, kept for error messages
 * @param variables the root variable names it reads, e.g. {@code {{ NewPhoneContact.ANI }}} gives
 *                  {@code NewPhoneContact}; names bound inside the template by {@code for} or {@code set} are left out
 */
public record Template(String source, Set<String> variables, PebbleTemplate pebble) {

    public Template {
        variables = Set.copyOf(variables);
    }
}
