package org.popline.app.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/** Reads the {@code http} section. */
final class HttpReader {
    private HttpReader() {
    }

    /** @param installation the folder relative data paths (the token file) are resolved in */
    static HttpConfig read(ConfigReader r, Path installation) throws ConfigException {
        int port = r.integer("http.port", 8080, 0, 65535);
        // The admin API has no business on the LAN: loopback unless a key says otherwise, whatever --bind says.
        InetAddress bind = r.address("http.bind-address", "127.0.0.1");
        String variable = r.environmentVariable("http.token-env", "POPLINE_ADMIN_TOKEN");
        Path tokenFile = installation.resolve(r.string("http.token-file", "var/admin-token"));
        List<String> hosts = r.list("http.allowed-hosts", List.of());
        for (String host : hosts) {
            if (!host.matches("[A-Za-z0-9.:-]+")) {
                throw r.error("http.allowed-hosts", "'" + host + "' is not a host name or address");
            }
        }
        return new HttpConfig(bind, port, variable, tokenFile, hosts);
    }
}
