package org.popline.ivr.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A named service an http-request activity can call by relative path, as a Webex custom
 * connector is: it supplies the base URL, the OAuth bearer token and whom to trust for TLS.
 * The flow file never sees the token.
 */
public interface Connector {

    /** The base URL relative paths resolve against; ends with '/'. */
    URI baseUrl();

    /**
     * A bearer token for the next request, obtained within {@code budget}; a cached token is
     * returned at once.
     *
     * @throws IOException if no token could be had in time, naming why (never the secret)
     */
    String accessToken(Duration budget) throws IOException;

    /** The service answered 401 to the last token: forget it so the next call gets a fresh one. */
    void tokenRejected();

    /** The TLS context for this service's certificates (the emulator's lab certificate, or the JDK's defaults). */
    SSLContext tls();
}
