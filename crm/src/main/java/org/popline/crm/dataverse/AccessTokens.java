package org.popline.crm.dataverse;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.popline.crm.http.Credentials;
import org.popline.crm.http.Deadline;
import org.popline.crm.http.HttpOutcome.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App-only access tokens by the OAuth 2.0 client credentials grant, through MSAL4J.
 *
 * <p>Tokens are cached here, not only in MSAL: MSAL's cache never hits for an authority with a
 * port (it stores under the host, looks up under host:port; MSAL issue #529), which is exactly
 * the lab emulator's case. A refresh after a 401 bypasses MSAL's cache too, since against real
 * Entra that cache would hand back the token Dataverse just refused.
 */
final class AccessTokens implements Credentials {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

  private final ConfidentialClientApplication app;
  private final String scope;
  private final Duration refreshMargin;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  private String token;
  private Instant expiresOn = Instant.MIN;
  private Instant obtainedAt = Instant.MIN;
  private boolean refused;

  AccessTokens(DataverseSettings settings, String secret, SSLContext tls, Clock clock) {
    this.scope = settings.scope();
    this.refreshMargin = settings.tokenRefreshMargin();
    this.clock = clock;
    try {
      this.app = ConfidentialClientApplication
          .builder(settings.clientId(), ClientCredentialFactory.createFromSecret(secret))
          .authority(settings.authority())
          .instanceDiscovery(settings.isMicrosoftLogin())
          .sslSocketFactory(tls.getSocketFactory())
          .connectTimeoutForDefaultHttpClient(millis(settings.connectTimeout()))
          .readTimeoutForDefaultHttpClient(millis(settings.responseTimeout()))
          // Retries are ResilientHttp's, inside the request's deadline; MSAL's own waits a fixed second.
          .disableInternalRetries()
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("bad authority " + settings.authority(), e);
    }
  }

  /** A token valid beyond the refresh margin, from the cache or the token endpoint. */
  @Override
  public String token(Deadline deadline) throws TokenException {
    try {
      if (!lock.tryLock(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new TokenException(Kind.TIMEOUT, false, "waited for another token request", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(Kind.TIMEOUT, false, "interrupted", e);
    }
    try {
      if (token != null && !refused && clock.instant().isBefore(renewAt())) {
        return token;
      }
      IAuthenticationResult result = acquire(deadline, refused);
      token = result.accessToken();
      expiresOn = result.expiresOnDate().toInstant();
      obtainedAt = clock.instant();
      refused = false;
      LOG.info("obtained an access token for {}, expires {}", scope, expiresOn);
      return token;
    } finally {
      lock.unlock();
    }
  }

  /** Dataverse refused the current token: the next {@link #token} fetches a new one. */
  @Override
  public void rejected() {
    lock.lock();
    try {
      refused = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Renew at the margin before expiry, but never spend more than half a short-lived token's life
   * waiting, so a token shorter than the margin is still reused.
   */
  private Instant renewAt() {
    Duration life = Duration.between(obtainedAt, expiresOn);
    Duration margin = refreshMargin.compareTo(life.dividedBy(2)) < 0 ? refreshMargin : life.dividedBy(2);
    return expiresOn.minus(margin);
  }

  private IAuthenticationResult acquire(Deadline deadline, boolean skipCache) throws TokenException {
    ClientCredentialParameters parameters =
        ClientCredentialParameters.builder(Set.of(scope)).skipCache(skipCache).build();
    try {
      return app.acquireToken(parameters).get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TokenException(Kind.TIMEOUT, false, "token endpoint did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(Kind.TIMEOUT, false, "interrupted", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause());
    }
  }

  private static TokenException classify(Throwable failure) {
    if (failure instanceof MsalServiceException service) {
      int status = service.statusCode() == null ? 0 : service.statusCode();
      String detail = "token endpoint " + status + " " + service.errorCode();
      if (status == 429) {
        return new TokenException(Kind.THROTTLED, true, detail, service);
      }
      if (status >= 500) {
        return new TokenException(Kind.SERVER_ERROR, true, detail, service);
      }
      return new TokenException(Kind.UNAUTHORIZED, false, detail + ": " + service.getMessage(), service);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return new TokenException(Kind.TIMEOUT, true, "token endpoint timed out", failure);
      }
      if (t instanceof SSLException) {
        return new TokenException(Kind.CONNECT_FAILED, false, "token endpoint TLS: " + t, failure);
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return new TokenException(Kind.CONNECT_FAILED, true, "token endpoint: " + t, failure);
      }
    }
    return new TokenException(Kind.CONNECT_FAILED, true, "token request failed: " + failure, failure);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }
}
