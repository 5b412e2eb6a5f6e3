package org.popline.ivr.http;

import java.net.URI;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.http.Service;

/**
 * The Dataverse org as a connector: paths resolve against its Web API root
 * ({@code .../api/data/v9.2/}), and requests go to the same {@link Service} as the client's own
 * lookups: the same token cache, TLS trust and circuit breaker. The client stays owned (and closed)
 * by whoever made it.
 */
public final class DataverseConnector implements Connector {

    private final DataverseClient client;

    public DataverseConnector(DataverseClient client) {
        this.client = client;
    }

    @Override
    public URI baseUrl() {
        return client.serviceRoot();
    }

    @Override
    public Service service() {
        return client.webApi();
    }
}
