package org.popline.sip.registrar;

import java.net.InetAddress;
import java.util.Optional;
import javax.sip.address.SipURI;
import org.popline.sip.registrar.RegisterRequest.RequestedContact;
import org.popline.sip.signalling.TrustedProxies;

/**
 * Where a phone may ask to be rung: at the address its REGISTER came from. Otherwise one leaked
 * password would make Popline ring (and so call) any address. A REGISTER that came through a
 * trusted proxy with Path (RFC 3327) names the phone behind it; {@code registrar.allow-foreign-contacts}
 * lists further networks a Contact may point into.
 */
final class ContactPolicy {
    private final TrustedProxies proxies;
    private final TrustedProxies foreign;

    ContactPolicy(TrustedProxies proxies, TrustedProxies foreign) {
        this.proxies = proxies;
        this.foreign = foreign;
    }

    /** Why the REGISTER may not bind its contacts, or empty when it may. */
    Optional<String> refusal(RegisterRequest register, boolean withPath) {
        InetAddress source = register.source().getAddress();
        if (withPath && proxies.contains(source)) {
            return Optional.empty();
        }
        for (RequestedContact c : register.contacts()) {
            if (c.expires().isPresent() && c.expires().getAsInt() == 0) {
                continue;
            }
            String host = ((SipURI) c.uri()).getHost();
            Optional<InetAddress> address = TrustedProxies.literal(host);
            if (address.isEmpty() || !(address.get().equals(source) || foreign.contains(address.get()))) {
                return Optional.of("Contact " + host + " is not the address the REGISTER came from");
            }
        }
        return Optional.empty();
    }
}
