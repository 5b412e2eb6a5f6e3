package org.popline.app.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code http} section: where the admin API listens and who may use Popline's HTTP surfaces.
 *
 * @param bindAddress   where the admin API listens ({@code http.bind-address}, loopback by default)
 * @param port          the admin API's port ({@code http.port}, 0: any free port)
 * @param tokenVariable the environment variable that may hold the admin API's bearer token ({@code http.token-env})
 * @param tokenFile     where the token is kept when that variable is unset, made at first start ({@code http.token-file})
 * @param allowedHosts  names the admin API and the agents' page answer to besides their own addresses, loopback and
 *                      the machine's name ({@code http.allowed-hosts})
 */
public record HttpConfig(InetAddress bindAddress, int port, String tokenVariable, Path tokenFile,
        List<String> allowedHosts) {

    public HttpConfig {
        allowedHosts = List.copyOf(allowedHosts);
    }
}
