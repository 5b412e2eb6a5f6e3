package org.popline.crm.emulator.odata;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.net.PercentCodec;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * Decodes a raw query string or form body with HttpCore's form codec. Like Dataverse's front end it turns '+'
 * into a space, which is why a phone literal must send its plus sign as {@code %2B}. A name given twice keeps
 * its first value.
 */
public final class QueryString {

    private QueryString() {
    }

    public static Map<String, String> parse(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (NameValuePair pair : WWWFormCodec.parse(raw, StandardCharsets.UTF_8)) {
            if (!pair.getName().isEmpty()) {
                params.putIfAbsent(pair.getName(), pair.getValue() == null ? "" : pair.getValue());
            }
        }
        return params;
    }

    /** One form-encoded component: '+' is a space, {@code %2B} a plus. */
    public static String decode(String s) {
        return PercentCodec.decode(s.replace("+", "%20"), StandardCharsets.UTF_8);
    }
}
