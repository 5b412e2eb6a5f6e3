package org.popline.sip.call;

import gov.nist.javax.sip.header.ims.PAssertedIdentityHeader;
import java.util.ListIterator;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.message.Request;
import org.popline.sip.signalling.SourceAddress;
import org.popline.sip.signalling.TrustedProxies;

/**
 * The caller's number (ANI): P-Asserted-Identity when present and the request came from a trusted
 * proxy (RFC 3325; a tel URI there is preferred over a sip URI, as it is the network-asserted
 * number), else the user part of From. From anyone else P-Asserted-Identity is ignored: anyone can
 * write it, and the number decides whose case a caller hears. Visual separators are removed; the
 * leading '+' stays for the flow to strip.
 */
public final class AniExtractor {
    private final TrustedProxies trusted;

    public AniExtractor(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public String extract(Request request) {
        if (trusted.contains(SourceAddress.of(request))) {
            String asserted = fromAssertedIdentity(request);
            if (!asserted.isEmpty()) {
                return asserted;
            }
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        return from == null ? "" : number(from.getAddress().getURI());
    }

    private static String fromAssertedIdentity(Request request) {
        String sipNumber = "";
        ListIterator<?> headers = request.getHeaders(PAssertedIdentityHeader.NAME);
        while (headers != null && headers.hasNext()) {
            Object h = headers.next();
            if (!(h instanceof HeaderAddress address) || address.getAddress() == null) {
                continue;
            }
            URI uri = address.getAddress().getURI();
            String n = number(uri);
            if (uri instanceof TelURL && !n.isEmpty()) {
                return n;
            }
            if (sipNumber.isEmpty()) {
                sipNumber = n;
            }
        }
        return sipNumber;
    }

    static String number(URI uri) {
        String raw;
        if (uri instanceof TelURL tel) {
            raw = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        } else if (uri instanceof SipURI sip) {
            raw = sip.getUser() == null ? "" : sip.getUser();
        } else {
            return "";
        }
        return withoutVisualSeparators(raw);
    }

    /** RFC 3966 visual separators ("-", ".", "(", ")") and spaces are not part of the number. */
    static String withoutVisualSeparators(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
