package org.popline.ivr.template;

import java.util.Locale;

/**
 * {@code {{ CaseNumber | spell }}}: "CAS-01234" becomes "C A S, 0 1 2 3 4".
 *
 * <p>A TTS voice reads "01234" as a number and "CAS" as a word; one character per token makes it
 * say each letter and digit. Letters are upper-cased because a lone lower-case "a" is read as the
 * article. Anything that is not a letter or digit (dash, slash, space) becomes a comma, which the
 * synthesiser turns into a short pause, so the caller hears the groups of a case number.
 */
final class SpellFilter extends TextFilter {

    static final String NAME = "spell";

    @Override
    String apply(String text) {
        return spell(text);
    }

    static String spell(String text) {
        StringBuilder out = new StringBuilder();
        boolean pause = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetterOrDigit(c)) {
                pause = true;
                continue;
            }
            if (out.length() > 0) {
                out.append(pause ? ", " : " ");
            }
            out.append(new String(Character.toChars(c)).toUpperCase(Locale.ROOT));
            pause = false;
        }
        return out.toString();
    }
}
