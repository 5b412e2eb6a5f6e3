package org.popline.ivr.template;

import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.Set;

/**
 * A template that has passed {@link Templates#compile}: its syntax and filter names are known to be
 * good. Immutable and safe to render from many calls at once.
 */
public final class Template {

    private final String source;
    private final Set<String> variables;
    private final PebbleTemplate pebble;

    Template(String source, Set<String> variables, PebbleTemplate pebble) {
        this.source = source;
        this.variables = Set.copyOf(variables);
        this.pebble = pebble;
    }

    /** The text as written in the flow file. */
    public String source() {
        return source;
    }

    /**
     * The root variable names it reads, e.g. {@code {{ NewPhoneContact.ANI }}} gives
     * {@code NewPhoneContact}; names bound inside the template by {@code for} or {@code set} are left
     * out. A name guarded by {@code default} is still listed.
     */
    public Set<String> variables() {
        return variables;
    }

    PebbleTemplate pebble() {
        return pebble;
    }

    @Override
    public String toString() {
        return source;
    }
}
