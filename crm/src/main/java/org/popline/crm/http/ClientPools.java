package org.popline.crm.http;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP client, with its own bounded connection pool, per TLS context. A pooled connection is
 * bound to the trust it was opened with, so requests that trust different certificates must not
 * share a pool.
 */
final class ClientPools implements Closeable {

  /**
   * Connectors are configured, so a handful of contexts is normal; more means a connector builds a
   * new SSLContext per call, which would open a pool per call.
   */
  static final int MAX_CONTEXTS = 16;
  private static final int MAX_CONNECTIONS = 100;
  private static final int MAX_CONNECTIONS_PER_ROUTE = 20;
  /**
   * Servers drop idle connections (the JDK's HttpServer behind the emulator after 30 s); one idle
   * longer than this is checked before reuse, so a request is not sent down a connection already closed.
   */
  private static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(1);
  /** Closed by us before most servers close them, so the pool holds few dead sockets. */
  private static final TimeValue IDLE_EVICTION = TimeValue.ofSeconds(20);

  private final Map<SSLContext, CloseableHttpClient> clients = new IdentityHashMap<>();
  private final Timeout connectTimeout;
  private final Timeout readTimeout;
  private boolean closed;

  /**
   * @param connectTimeout the most opening a connection may take
   * @param readTimeout the most a socket may stay silent while an answer is awaited
   */
  ClientPools(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = Timeout.of(connectTimeout);
    this.readTimeout = Timeout.of(readTimeout);
  }

  /**
   * The client for {@code tls}, created on first use.
   *
   * @throws IllegalStateException after {@link #close()}, or when more than {@link #MAX_CONTEXTS}
   *                               distinct contexts have been seen
   */
  synchronized CloseableHttpClient forContext(SSLContext tls) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    CloseableHttpClient client = clients.get(tls);
    if (client == null) {
      if (clients.size() >= MAX_CONTEXTS) {
        throw new IllegalStateException("more than " + MAX_CONTEXTS
            + " TLS contexts: a service must use the same SSLContext every time");
      }
      client = newClient(tls);
      clients.put(tls, client);
    }
    return client;
  }

  private CloseableHttpClient newClient(SSLContext tls) {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(connectTimeout)
                .setSocketTimeout(readTimeout)
                .setValidateAfterInactivity(VALIDATE_AFTER)
                .build())
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE)
            .build())
        .evictIdleConnections(IDLE_EVICTION)
        // Retries and their timing are ResilientHttp's policy, not the client's.
        .disableAutomaticRetries()
        .disableRedirectHandling()
        // One client serves every call: a cookie or auth state kept from one call must not reach the next.
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  @Override
  public void close() {
    List<CloseableHttpClient> open;
    synchronized (this) {
      closed = true;
      open = new ArrayList<>(clients.values());
      clients.clear();
    }
    for (CloseableHttpClient client : open) {
      client.close(CloseMode.IMMEDIATE);
    }
  }
}
