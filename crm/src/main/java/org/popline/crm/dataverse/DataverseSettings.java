package org.popline.crm.dataverse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the client needs to reach one Dataverse org. Holds no secret: the client secret is
 * read from the environment variable named by {@code secretVariable}.
 *
 * @param orgUrl the org root, e.g. {@code https://contoso.crm.dynamics.com}; also the token scope
 * @param loginUrl the identity provider root: {@code https://login.microsoftonline.com} for a
 *     real org, the emulator's root in the lab
 * @param trustStore PKCS12 trust store to trust instead of the JVM's (the lab certificate), or
 *     null for the JVM default
 * @param trustStorePassword the trust store's integrity password (not a secret: it holds only
 *     public certificates), or null
 * @param connectTimeout the most opening a connection to the org may take
 * @param responseTimeout the most the org may stay silent while an answer is awaited; a silent
 *     request is then retried within the budget
 * @param lookupBudget the most one lookup may take, token, retries and waits included
 * @param maxAttempts requests one lookup may send, not counting the resend with a renewed token after a 401
 * @param phoneColumns contact columns searched for the caller's number
 * @param defaultRegion ISO region for numbers written without a country code
 * @param maxCandidates $top for the contact search; candidates are then matched client-side
 * @param tokenRefreshMargin a token is renewed this long before it expires
 * @param breaker when to stop asking a CRM that keeps failing
 */
public record DataverseSettings(
    URI orgUrl,
    String apiVersion,
    URI loginUrl,
    String tenant,
    String clientId,
    String secretVariable,
    Path trustStore,
    String trustStorePassword,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration lookupBudget,
    int maxAttempts,
    List<String> phoneColumns,
    String defaultRegion,
    int maxCandidates,
    Duration tokenRefreshMargin,
    Duration cacheTtl,
    Duration cacheMaxStale,
    int cacheMaxEntries,
    BreakerSettings breaker) {

  public static final URI MICROSOFT_LOGIN = URI.create("https://login.microsoftonline.com");

  public DataverseSettings {
    Objects.requireNonNull(orgUrl, "orgUrl");
    Objects.requireNonNull(loginUrl, "loginUrl");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secretVariable, "secretVariable");
    requireHttps(orgUrl, "orgUrl");
    requireHttps(loginUrl, "loginUrl");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (phoneColumns.isEmpty()) {
      throw new IllegalArgumentException("phoneColumns must name at least one column");
    }
    phoneColumns.forEach(ODataFilter::column);
    phoneColumns = List.copyOf(phoneColumns);
    Objects.requireNonNull(breaker, "breaker");
  }

  /** Settings with the defaults below for everything but where the org is and who we are. */
  public static DataverseSettings of(
      URI orgUrl, URI loginUrl, String tenant, String clientId, String secretVariable) {
    return new DataverseSettings(orgUrl, "v9.2", loginUrl, tenant, clientId, secretVariable,
        null, null, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), 3,
        List.of("telephone1", "mobilephone", "telephone2"), "US", 50, Duration.ofMinutes(5),
        Duration.ofMinutes(1), Duration.ofMinutes(30), 10_000, BreakerSettings.DEFAULT);
  }

  public DataverseSettings withTrustStore(Path store, String password) {
    return new DataverseSettings(orgUrl, apiVersion, loginUrl, tenant, clientId, secretVariable,
        store, password, connectTimeout, responseTimeout, lookupBudget, maxAttempts, phoneColumns,
        defaultRegion, maxCandidates, tokenRefreshMargin, cacheTtl, cacheMaxStale, cacheMaxEntries, breaker);
  }

  public DataverseSettings withTimeouts(Duration connect, Duration response, Duration budget) {
    return new DataverseSettings(orgUrl, apiVersion, loginUrl, tenant, clientId, secretVariable,
        trustStore, trustStorePassword, connect, response, budget, maxAttempts, phoneColumns,
        defaultRegion, maxCandidates, tokenRefreshMargin, cacheTtl, cacheMaxStale, cacheMaxEntries, breaker);
  }

  public DataverseSettings withPhones(List<String> columns, String region) {
    return new DataverseSettings(orgUrl, apiVersion, loginUrl, tenant, clientId, secretVariable,
        trustStore, trustStorePassword, connectTimeout, responseTimeout, lookupBudget, maxAttempts,
        columns, region, maxCandidates, tokenRefreshMargin, cacheTtl, cacheMaxStale,
        cacheMaxEntries, breaker);
  }

  public DataverseSettings withCache(Duration ttl, Duration maxStale, int maxEntries) {
    return new DataverseSettings(orgUrl, apiVersion, loginUrl, tenant, clientId, secretVariable,
        trustStore, trustStorePassword, connectTimeout, responseTimeout, lookupBudget, maxAttempts,
        phoneColumns, defaultRegion, maxCandidates, tokenRefreshMargin, ttl, maxStale, maxEntries, breaker);
  }

  public DataverseSettings withBreaker(BreakerSettings settings) {
    return new DataverseSettings(orgUrl, apiVersion, loginUrl, tenant, clientId, secretVariable,
        trustStore, trustStorePassword, connectTimeout, responseTimeout, lookupBudget, maxAttempts,
        phoneColumns, defaultRegion, maxCandidates, tokenRefreshMargin, cacheTtl, cacheMaxStale,
        cacheMaxEntries, settings);
  }

  /** The Web API service root, e.g. {@code https://contoso.crm.dynamics.com/api/data/v9.2/}. */
  public URI serviceRoot() {
    return URI.create(stripSlash(orgUrl.toString()) + "/api/data/" + apiVersion + "/");
  }

  /** The token scope: one resource, with the /.default suffix client credentials require. */
  public String scope() {
    return stripSlash(orgUrl.toString()) + "/.default";
  }

  /** MSAL's authority: login root, tenant, trailing slash (MSAL lower-cases it anyway). */
  public String authority() {
    return stripSlash(loginUrl.toString()) + "/" + tenant + "/";
  }

  /**
   * Instance discovery asks login.microsoftonline.com about the authority's host; for any other
   * host (the emulator) that call would leave the machine, so it is only made for Microsoft's own.
   */
  public boolean isMicrosoftLogin() {
    String host = loginUrl.getHost().toLowerCase(java.util.Locale.ROOT);
    return host.endsWith("microsoftonline.com") || host.endsWith("microsoftonline.us")
        || host.endsWith("chinacloudapi.cn");
  }

  private static void requireHttps(URI uri, String name) {
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(name + " must be https (MSAL and Dataverse require it): " + uri);
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
