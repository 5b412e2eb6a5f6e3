package org.popline.crm.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a handler so a bug answers 500 instead of leaving the client waiting on a connection nobody will close.
 * Logs the path only: query strings and bodies may carry secrets.
 */
final class GuardedHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedHandler.class);

    private final HttpHandler delegate;

    GuardedHandler(HttpHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            delegate.handle(exchange);
        } catch (Exception | Error e) {
            LOG.warn("Dataverse emulator failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath(), e);
            try {
                Exchanges.sendJson(exchange, 500, Exchanges.JSON.createObjectNode().set("error",
                        Exchanges.JSON.createObjectNode().put("code", "0x80040216")
                                .put("message", "An unexpected error occurred in the Dataverse emulator.")));
            } catch (IOException | RuntimeException ignored) {
                exchange.close();
            }
        }
    }
}
