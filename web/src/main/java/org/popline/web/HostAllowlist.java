package org.popline.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses (421 Misdirected Request) a request whose {@code Host} is not one of Popline's own names or addresses.
 * A DNS-rebinding page makes a victim's browser send requests to Popline under the attacker's name
 * ({@code Host: evil.example}); such a request is refused before any handler sees it.
 */
public final class HostAllowlist extends Handler.Wrapper {
    private final Set<String> hosts;

    public HostAllowlist(java.util.Collection<String> hosts, Handler handler) {
        super(handler);
        Set<String> normalised = new LinkedHashSet<>();
        hosts.forEach(h -> normalised.add(normalise(h)));
        this.hosts = Collections.unmodifiableSet(normalised);
    }

    /**
     * Popline's own names for a surface on {@code bind}: loopback, the bind address (every local address when it
     * is the wildcard), the advertised address, the machine's host name, and whatever the operator adds.
     */
    public static Set<String> ownNames(InetAddress bind, String advertised, java.util.Collection<String> configured) {
        Set<String> names = new LinkedHashSet<>(LabCertificate.LOOPBACK);
        if (bind.isAnyLocalAddress()) {
            names.addAll(localAddresses());
        } else {
            names.add(bind.getHostAddress());
        }
        if (advertised != null) {
            names.add(advertised);
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // A machine without a resolvable name of its own is reached by address.
        }
        names.addAll(configured);
        return names;
    }

    private static Set<String> localAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                nic.inetAddresses().forEach(a -> addresses.add(a.getHostAddress().replaceAll("%.*$", "")));
            }
        } catch (SocketException e) {
            // Loopback and the configured names remain.
        }
        return addresses;
    }

    public Set<String> hosts() {
        return hosts;
    }

    public boolean allows(String host) {
        return host != null && hosts.contains(normalise(host));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!allows(request.getHttpURI().getHost())) {
            Answers.error(response, callback, HttpStatus.MISDIRECTED_REQUEST_421,
                    "this server does not answer to that Host name; use its address or an http.allowed-hosts name");
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Lower case, without IPv6 brackets, IPv6 in the JDK's full form (so {@code ::1} and {@code [0:0:...:1]} match). */
    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT).trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains(":")) {
            try {
                // In brackets it is parsed as an IPv6 literal or refused, never looked up in DNS.
                return InetAddress.getByName("[" + h + "]").getHostAddress();
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }
}
