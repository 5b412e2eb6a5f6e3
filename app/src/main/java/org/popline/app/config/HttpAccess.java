package org.popline.app.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Who may use Popline's HTTP surfaces.
 *
 * @param tokenVariable the environment variable that may hold the admin API's bearer token ({@code http.token-env})
 * @param tokenFile     where the token is kept when that variable is unset, made at first start ({@code http.token-file})
 * @param allowedHosts  names the admin API and the agents' page answer to besides their own addresses, loopback and
 *                      the machine's name ({@code http.allowed-hosts})
 */
public record HttpAccess(String tokenVariable, Path tokenFile, List<String> allowedHosts) {

    public HttpAccess {
        allowedHosts = List.copyOf(allowedHosts);
    }
}
