package org.popline.app.config;

import java.net.InetAddress;
import java.util.List;

/**
 * The agents' page.
 *
 * @param port its HTTP port (0: any free port)
 * @param notReadyReasons what an agent may give for not being ready, in the order the page offers them
 * @param bindAddress     where the page listens ({@code desk.bind-address}; by default where SIP does)
 * @param tls             the page's TLS
 */
public record DeskConfig(int port, List<String> notReadyReasons, InetAddress bindAddress, DeskTls tls) {

    public DeskConfig {
        notReadyReasons = List.copyOf(notReadyReasons);
    }
}
