package org.popline.app.config;

import java.util.List;

/**
 * The agents' page.
 *
 * @param port its HTTP port (0: any free port)
 * @param notReadyReasons what an agent may give for not being ready, in the order the page offers them
 * @param tls             the page's TLS
 */
public record DeskConfig(int port, List<String> notReadyReasons, DeskTls tls) {

    public DeskConfig {
        notReadyReasons = List.copyOf(notReadyReasons);
    }
}
