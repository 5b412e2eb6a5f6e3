package org.popline.ivr.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.popline.crm.dataverse.DataverseClient;

/**
 * The Dataverse org as a connector: paths resolve against its Web API root
 * ({@code .../api/data/v9.2/}), and requests carry the same client-credentials token, from the
 * same cache, as the client's own lookups. The client stays owned (and closed) by whoever made it.
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
    public String accessToken(Duration budget) throws IOException {
        return client.accessToken(budget);
    }

    @Override
    public void tokenRejected() {
        client.invalidateToken();
    }

    @Override
    public SSLContext tls() {
        return client.tls();
    }
}
