package org.popline.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/** Tells a request a browser sent from another site's page from one sent by this surface's own page or a tool. */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * True for a request a browser sent from another site's page. Browsers send Origin with every POST, and it
     * must be this surface's own scheme, host and port; a request without it (curl, a script) is judged by its
     * credentials alone. A DNS-rebinding page's Origin matches its Host, but that Host is refused earlier by the
     * {@link HostAllowlist}.
     */
    public static boolean crossSite(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String fetchSite = request.getHeaders().get("Sec-Fetch-Site");
        boolean foreignFetch = fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        HttpURI uri = request.getHttpURI();
        return foreignFetch || (origin != null && !origin.equals(uri.getScheme() + "://" + uri.getAuthority()));
    }
}
