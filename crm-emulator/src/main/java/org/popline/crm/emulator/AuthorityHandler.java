package org.popline.crm.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes the Entra-shaped paths, whose first segment is the tenant, to the token endpoint and discovery document. */
final class AuthorityHandler implements HttpHandler {

    private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token/?");
    private static final Pattern DISCOVERY = Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration");

    private final TokenEndpoint tokenEndpoint;
    private final OpenIdConfiguration openIdConfiguration;

    AuthorityHandler(TokenEndpoint tokenEndpoint, OpenIdConfiguration openIdConfiguration) {
        this.tokenEndpoint = tokenEndpoint;
        this.openIdConfiguration = openIdConfiguration;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher token = TOKEN.matcher(path);
        if (token.matches()) {
            tokenEndpoint.handle(exchange, token.group(1));
            return;
        }
        Matcher discovery = DISCOVERY.matcher(path);
        if (discovery.matches()) {
            openIdConfiguration.handle(exchange, discovery.group(1));
            return;
        }
        Exchanges.sendJson(exchange, 404, ApiGate.error("", "No Dataverse emulator resource at " + path));
    }
}
