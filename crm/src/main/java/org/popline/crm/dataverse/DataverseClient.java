package org.popline.crm.dataverse;

import java.io.Closeable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.popline.crm.dataverse.LookupResult.Ambiguous;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Found;
import org.popline.crm.dataverse.LookupResult.NotFound;
import org.popline.crm.dataverse.LookupResult.Reason;
import org.popline.crm.http.Deadline;
import org.popline.crm.http.HttpCall;
import org.popline.crm.http.HttpOutcome;
import org.popline.crm.http.RequestBreaker;
import org.popline.crm.http.ResilientHttp;
import org.popline.crm.http.RetryPolicy;
import org.popline.crm.http.Service;

/**
 * The two questions the reference flow asks Dataverse: who is calling, and what is their latest
 * case. Each answer is a {@link LookupResult} produced within the settings' lookup budget;
 * recent answers are cached and stand in for the CRM when it fails.
 *
 * <p>Its requests go through {@link ResilientHttp}, the one retry/timeout policy, to the org as a
 * {@link Service}: its TLS trust, its token cache and its circuit breaker. It lends that service and
 * its root to other callers of the same org (a flow's http-request activity), so every request to
 * the org renews the same token and counts toward, and is stopped by, the same breaker.
 */
public final class DataverseClient implements Closeable {
  /** What the Web API expects; annotations make its error bodies carry trace text worth putting in the detail. */
  private static final Map<String, String> ODATA_HEADERS = Map.of(
      "Accept", "application/json",
      "OData-MaxVersion", "4.0",
      "OData-Version", "4.0",
      "If-None-Match", "null",
      "Prefer", "odata.include-annotations=\"*\"");
  private final DataverseSettings settings;
  private final Clock clock;
  private final SSLContext tls;
  private final AccessTokens tokens;
  private final ResilientHttp http;
  private final Service webApi;
  private final RetryPolicy lookupPolicy;
  private final PhoneMatcher phones;
  private final ResponseParser parser;
  private final LookupCache<String, Contact> contactCache;
  private final LookupCache<String, Case> caseCache;
  private final RequestBreaker breaker;

  private DataverseClient(DataverseSettings settings, String secret, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.tls = TrustContexts.forSettings(settings);
    this.tokens = new AccessTokens(settings, secret, tls, clock);
    this.http = new ResilientHttp("dataverse", settings.connectTimeout(), settings.responseTimeout());
    // An attempt may take what is left of the budget: a stalled answer is cut by the response timeout
    // instead, so a slow but steady one is not thrown away to start over.
    this.lookupPolicy = new RetryPolicy(settings.lookupBudget(), settings.maxAttempts() - 1);
    this.phones = new PhoneMatcher(settings.defaultRegion());
    this.parser = new ResponseParser(settings.phoneColumns());
    this.contactCache = newCache(settings, clock);
    this.caseCache = newCache(settings, clock);
    BreakerSettings b = settings.breaker();
    this.breaker = new RequestBreaker("CRM", b.window(), b.minimumCalls(), b.failureRatePercent(), b.openFor());
    this.webApi = new Service(tls, Optional.of(tokens), Optional.of(breaker));
  }

  /** A client whose secret is read from the process environment. */
  public static DataverseClient create(DataverseSettings settings) {
    return create(settings, System::getenv, Clock.systemUTC());
  }

  /**
   * A client whose secret is read through {@code environment} (the process environment in
   * production); fails at once, naming the variable, if it is unset.
   */
  public static DataverseClient create(
      DataverseSettings settings, Function<String, String> environment, Clock clock) {
    String secret = environment.apply(settings.secretVariable());
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("environment variable " + settings.secretVariable()
          + " (the Dataverse client secret) is not set");
    }
    return new DataverseClient(settings, secret, clock);
  }

  /**
   * The caller lookup: the contact whose phone columns hold the caller's number, in whatever
   * notation it was typed, and when there is exactly one, their newest case. At most two Web API
   * requests (one per question), all of it within one lookup budget, retries, Retry-After and
   * token renewal included; a recent answer stands in when the CRM fails or the circuit is open.
   *
   * @param ani the caller's number in any form a network presents it; a withheld number (no
   *     digits) is simply not found
   */
  public CallerAnswer findCaller(String ani) {
    Deadline deadline = deadline();
    LookupResult<Contact> contact = findContactByPhone(ani, deadline);
    if (contact instanceof Found<Contact> found) {
      return new CallerAnswer(contact, Optional.of(latestCase(found.value().id(), false, deadline)));
    }
    return new CallerAnswer(contact, Optional.empty());
  }

  /**
   * The contact whose phone columns hold the caller's number, within a lookup budget of its own.
   * The server is asked for contacts whose numbers end like the caller's ({@link PhoneSearch});
   * which of those really are the caller's number is decided here ({@link PhoneMatcher}), since
   * Dataverse compares only raw text.
   */
  public LookupResult<Contact> findContactByPhone(String ani) {
    return findContactByPhone(ani, deadline());
  }

  private LookupResult<Contact> findContactByPhone(String ani, Deadline deadline) {
    if (ani == null || ani.chars().noneMatch(Character::isDigit)) {
      return new NotFound<>();
    }
    PhoneMatcher.Caller number = phones.caller(ani);
    return contactCache.get(number.cacheKey(), () -> searchContacts(number, deadline));
  }

  /**
   * The newest case (by createdon) whose customer is the contact.
   *
   * @param contactId the contact's GUID (anything else is rejected with IllegalArgumentException)
   * @param activeOnly only cases in state Active (statecode 0)
   */
  public LookupResult<Case> latestCase(String contactId, boolean activeOnly) {
    return latestCase(contactId, activeOnly, deadline());
  }

  private LookupResult<Case> latestCase(String contactId, boolean activeOnly, Deadline deadline) {
    return caseCache.get(contactId + (activeOnly ? "/active" : "/any"),
        () -> queryLatestCase(contactId, activeOnly, deadline));
  }

  /** Web API requests the lookups sent so far (retries included, token requests not): what lookups cost. */
  public long webApiRequests() {
    return http.attemptsSent();
  }

  /** The circuit breaker's state (CLOSED, OPEN, HALF_OPEN), for health views and tests. */
  public String circuitState() {
    return breaker.state();
  }

  /** The Web API root other callers resolve paths against, e.g. {@code https://org.crm.dynamics.com/api/data/v9.2/}. */
  public URI serviceRoot() {
    return settings.serviceRoot();
  }

  /**
   * A bearer token for the Web API, shared with this client's own lookups: the cached one at once,
   * else a new one from the token endpoint within {@code budget}.
   *
   * @throws TokenException naming why none could be had (never the secret)
   */
  public String accessToken(Duration budget) throws TokenException {
    return tokens.token(Deadline.after(budget, clock));
  }

  /** The Web API refused the current token: the next request, ours or another caller's, gets a new one. */
  public void invalidateToken() {
    tokens.rejected();
  }

  /** Whom to trust for the org's certificate: the configured trust store, or the JVM's defaults. */
  public SSLContext tls() {
    return tls;
  }

  /**
   * The org's Web API as other callers must reach it: through {@link ResilientHttp} with this
   * service, so their requests share the lookups' token (renewed once on a 401) and circuit breaker.
   */
  public Service webApi() {
    return webApi;
  }

  private LookupResult<Contact> searchContacts(PhoneMatcher.Caller number, Deadline deadline) {
    List<String> columns = new ArrayList<>(List.of("contactid", "fullname"));
    columns.addAll(settings.phoneColumns());
    ODataQuery query = ODataQuery.of("contacts").select(columns)
        .filter(PhoneSearch.filter(number, settings.phoneColumns())).top(settings.maxCandidates());
    LookupResult<List<Contact>> rows = contacts(query, deadline);
    if (!(rows instanceof Found<List<Contact>> found)) {
      return failure(rows);
    }
    List<Contact> candidates = found.value();
    Map<String, Contact> matches = new LinkedHashMap<>();
    for (Contact c : candidates) {
      if (c.phones().values().stream().anyMatch(number::matches)) {
        matches.putIfAbsent(c.id(), c);
      }
    }
    if (matches.isEmpty()) {
      return new NotFound<>();
    }
    if (matches.size() == 1) {
      return new Found<>(matches.values().iterator().next());
    }
    return new Ambiguous<>(new ArrayList<>(matches.values()));
  }

  /** The contacts a query returns, as one lookup within the budget. */
  LookupResult<List<Contact>> contacts(ODataQuery query) {
    return contacts(query, deadline());
  }

  private LookupResult<List<Contact>> contacts(ODataQuery query, Deadline deadline) {
    LookupResult<String> body = get(query, deadline);
    if (!(body instanceof Found<String> found)) {
      return failure(body);
    }
    try {
      return new Found<>(parser.contacts(found.value()));
    } catch (BadResponseException e) {
      return new Failed<>(Reason.BAD_RESPONSE, e.getMessage());
    }
  }

  private LookupResult<Case> queryLatestCase(String contactId, boolean activeOnly, Deadline deadline) {
    String customer = ODataFilter.eqGuid("_customerid_value", contactId);
    ODataQuery query = ODataQuery.of("incidents")
        .select("incidentid", "ticketnumber", "title", "statecode", "createdon")
        .filter(activeOnly ? ODataFilter.and(customer, ODataFilter.eq("statecode", 0)) : customer)
        .orderByDescending("createdon")
        .top(1);
    LookupResult<String> body = get(query, deadline);
    if (!(body instanceof Found<String> found)) {
      return failure(body);
    }
    try {
      List<Case> cases = parser.cases(found.value());
      return cases.isEmpty() ? new NotFound<>() : new Found<>(cases.get(0));
    } catch (BadResponseException e) {
      return new Failed<>(Reason.BAD_RESPONSE, e.getMessage());
    }
  }

  /** The body of a 2xx answer to the query, or why there is none. */
  private LookupResult<String> get(ODataQuery query, Deadline deadline) {
    HttpCall call = HttpCall.get(settings.serviceRoot().resolve(query.toRelativeUri()), ODATA_HEADERS);
    HttpOutcome outcome;
    try {
      outcome = http.send(call, lookupPolicy, deadline, webApi);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failed<>(Reason.TIMEOUT, "interrupted");
    }
    if (outcome.succeeded()) {
      return new Found<>(outcome.body());
    }
    String dataverseSays = ResponseParser.errorMessage(outcome.body()).map(m -> ": " + m).orElse("");
    return new Failed<>(reason(outcome.kind()), outcome.detail() + dataverseSays);
  }

  private static Reason reason(HttpOutcome.Kind kind) {
    return switch (kind) {
      case TIMEOUT -> Reason.TIMEOUT;
      case CONNECT_FAILED -> Reason.CONNECT_FAILED;
      case SERVER_ERROR -> Reason.SERVER_ERROR;
      case THROTTLED -> Reason.THROTTLED;
      case UNAUTHORIZED -> Reason.UNAUTHORIZED;
      case FORBIDDEN -> Reason.FORBIDDEN;
      case CLIENT_ERROR -> Reason.BAD_REQUEST;
      case BAD_RESPONSE -> Reason.BAD_RESPONSE;
      case CIRCUIT_OPEN -> Reason.UNAVAILABLE;
      case SUCCESS -> throw new IllegalStateException("not a failure");
    };
  }

  private Deadline deadline() {
    return Deadline.after(settings.lookupBudget(), clock);
  }

  private static <T> LookupResult<T> failure(LookupResult<?> result) {
    if (result instanceof Failed<?> failed) {
      return new Failed<>(failed.reason(), failed.detail());
    }
    throw new IllegalStateException("not a failure: " + result);
  }

  private static <T> LookupCache<String, T> newCache(DataverseSettings s, Clock clock) {
    return new LookupCache<>(s.cacheTtl(), s.cacheMaxStale(), s.cacheMaxEntries(), clock);
  }

  @Override
  public void close() {
    http.close();
  }
}
