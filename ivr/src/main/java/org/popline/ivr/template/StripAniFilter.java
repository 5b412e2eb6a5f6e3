package org.popline.ivr.template;

import org.popline.ivr.ani.AniStripper;

/**
 * {@code {{ call.ani | strip_ani }}}: "+14155550100" becomes "4155550100", the national significant
 * number the CRM usually stores (see {@link AniStripper}). A withheld or garbled ANI becomes the empty
 * string rather than failing the render, so a flow can branch on "no number" like on "not found".
 */
final class StripAniFilter extends TextFilter {

    static final String NAME = "strip_ani";

    private final AniStripper stripper;

    StripAniFilter(AniStripper stripper) {
        this.stripper = stripper;
    }

    @Override
    String apply(String text) {
        return stripper.strip(text).orElse("");
    }
}
