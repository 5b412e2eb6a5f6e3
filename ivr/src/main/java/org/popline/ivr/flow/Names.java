package org.popline.ivr.flow;

import java.util.regex.Pattern;

/** The shapes of names in a flow file. */
final class Names {
    /** Variables must be plain identifiers so templates can refer to them. */
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern PHONE_KEY = Pattern.compile("[0-9*#]");

    private Names() {
    }
}
