package org.popline.sip.signalling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose word Popline takes ({@code sip.trusted-proxies}): P-Asserted-Identity and a
 * REGISTER's Path count only from these addresses or networks (RFC 3325's trust domain). Written as
 * literal addresses, never host names, so that checking a request never waits for DNS.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /** Nobody: the default, so the From header counts. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** From entries like {@code 192.0.2.10}, {@code 10.1.0.0/16} or {@code 2001:db8::/32}. */
    public static TrustedProxies of(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        for (String entry : entries) {
            networks.add(Network.parse(entry.trim()));
        }
        return new TrustedProxies(networks);
    }

    /** The address a host written as an IP literal names (brackets around IPv6 allowed); empty for a host name. */
    public static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isLiteral(bare)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isLiteral(String address) {
        return IPV4.matcher(address).matches() || IPV6.matcher(address).matches();
    }

    public boolean contains(InetAddress address) {
        return address != null && networks.stream().anyMatch(n -> n.contains(address));
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    @Override
    public String toString() {
        return networks.toString();
    }

    /** An address with a prefix length; a plain address is a network of one. */
    record Network(byte[] prefix, int bits, String text) {
        static Network parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "'" + text + "' is not an IP address or network (e.g. 10.0.0.0/8)")).getAddress();
            int bits = bytes.length * 8;
            if (slash >= 0) {
                String length = text.substring(slash + 1);
                if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bytes.length * 8) {
                    throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bytes.length * 8);
                }
                bits = Integer.parseInt(length);
            }
            return new Network(bytes, bits, text);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
