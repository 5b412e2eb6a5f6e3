package org.popline.ivr.http;

import java.net.URI;
import org.popline.crm.http.Service;

/**
 * A named service an http-request activity can call by relative path, as a Webex custom
 * connector is: it supplies the base URL, and the service (TLS trust, OAuth token, circuit breaker)
 * its requests go through. The flow file never sees the token.
 */
public interface Connector {

    /** The base URL relative paths resolve against; ends with '/'. */
    URI baseUrl();

    /** Whom to trust, how to authenticate, and the breaker every request to this service shares. */
    Service service();
}
