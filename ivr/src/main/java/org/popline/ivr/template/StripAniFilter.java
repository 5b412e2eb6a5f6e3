package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import org.popline.ivr.ani.AniStripper;

/**
 * {@code {{ call.ani | strip_ani }}}: "+14155550100" becomes "4155550100", the national significant
 * number the CRM usually stores (see {@link AniStripper}). A withheld or garbled ANI becomes the empty
 * string rather than failing the render, so a flow can branch on "no number" like on "not found".
 */
final class StripAniFilter implements Filter {

    static final String NAME = "strip_ani";

    private final AniStripper stripper;

    StripAniFilter(AniStripper stripper) {
        this.stripper = stripper;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                        EvaluationContext context, int lineNumber) {
        return input == null ? "" : stripper.strip(input.toString()).orElse("");
    }
}
