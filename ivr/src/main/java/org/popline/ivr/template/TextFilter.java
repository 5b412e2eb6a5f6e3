package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** A filter of one text to another, with no arguments; nothing (a variable not set) becomes "". */
abstract class TextFilter implements Filter {

    @Override
    public final List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public final Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                              EvaluationContext context, int lineNumber) {
        return input == null ? "" : apply(input.toString());
    }

    abstract String apply(String text);
}
