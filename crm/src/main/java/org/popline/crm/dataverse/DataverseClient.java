package org.popline.crm.dataverse;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.popline.crm.dataverse.LookupResult.Ambiguous;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Found;
import org.popline.crm.dataverse.LookupResult.NotFound;
import org.popline.crm.dataverse.LookupResult.Reason;

/**
 * The two questions the reference flow asks Dataverse: who is calling, and what is their latest
 * case. Each answer is a {@link LookupResult} produced within the settings' lookup budget;
 * recent answers are cached and stand in for the CRM when it fails.
 *
 * <p>It also lends its service root, token and TLS trust to other callers of the same org (a
 * flow's http-request activity), so one org has one token cache and one refresh policy.
 */
public final class DataverseClient implements Closeable {
  private final DataverseSettings settings;
  private final Clock clock;
  private final SSLContext tls;
  private final AccessTokens tokens;
  private final WebApiCaller caller;
  private final PhoneMatcher phones;
  private final ResponseParser parser;
  private final LookupCache<String, Contact> contactCache;
  private final LookupCache<String, Case> caseCache;

  private DataverseClient(DataverseSettings settings, String secret, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.tls = TrustContexts.forSettings(settings);
    this.tokens = new AccessTokens(settings, secret, tls, clock);
    this.caller = new WebApiCaller(settings, tls, tokens, clock);
    this.phones = new PhoneMatcher(settings.defaultRegion());
    this.parser = new ResponseParser(settings.phoneColumns());
    this.contactCache = newCache(settings, clock);
    this.caseCache = newCache(settings, clock);
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
   * The contact whose phone columns hold the caller's number, in whatever notation it was typed.
   * The server is asked for contacts whose numbers end like the caller's; which of those really
   * are the caller's number is decided here, since Dataverse compares only raw text.
   *
   * @param ani the caller's number, with or without '+' and country code; a withheld number
   *     (no digits) is simply not found
   */
  public LookupResult<Contact> findContactByPhone(String ani) {
    if (ani == null || ani.chars().noneMatch(Character::isDigit)) {
      return new NotFound<>();
    }
    PhoneMatcher.Caller number = phones.caller(ani);
    return contactCache.get(number.cacheKey(), () -> searchContacts(number));
  }

  /**
   * The newest case (by createdon) whose customer is the contact.
   *
   * @param contactId the contact's GUID (anything else is rejected with IllegalArgumentException)
   * @param activeOnly only cases in state Active (statecode 0)
   */
  public LookupResult<Case> latestCase(String contactId, boolean activeOnly) {
    return caseCache.get(contactId + (activeOnly ? "/active" : "/any"),
        () -> queryLatestCase(contactId, activeOnly));
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
    tokens.invalidate();
  }

  /** Whom to trust for the org's certificate: the configured trust store, or the JVM's defaults. */
  public SSLContext tls() {
    return tls;
  }

  private LookupResult<Contact> searchContacts(PhoneMatcher.Caller number) {
    List<String> terms = new ArrayList<>();
    for (String column : settings.phoneColumns()) {
      // The last 7 digits catch numbers stored unbroken ("+49301234567"); the last 4 catch
      // the usual grouped notations ("(030) 123-4567"), whose final group is rarely split.
      terms.add(ODataFilter.contains(column, number.tail(7)));
      terms.add(ODataFilter.endsWith(column, number.tail(4)));
    }
    List<String> columns = new ArrayList<>(List.of("contactid", "fullname"));
    columns.addAll(settings.phoneColumns());
    ODataQuery query = ODataQuery.of("contacts").select(columns)
        .filter(ODataFilter.or(terms)).top(settings.maxCandidates());
    LookupResult<List<Contact>> rows = contacts(query);
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
    LookupResult<String> body = caller.get(query.toRelativeUri(), deadline());
    if (!(body instanceof Found<String> found)) {
      return failure(body);
    }
    try {
      return new Found<>(parser.contacts(found.value()));
    } catch (BadResponseException e) {
      return new Failed<>(Reason.BAD_RESPONSE, e.getMessage());
    }
  }

  private LookupResult<Case> queryLatestCase(String contactId, boolean activeOnly) {
    String customer = ODataFilter.eqGuid("_customerid_value", contactId);
    ODataQuery query = ODataQuery.of("incidents")
        .select("incidentid", "ticketnumber", "title", "statecode", "createdon")
        .filter(activeOnly ? ODataFilter.and(customer, ODataFilter.eq("statecode", 0)) : customer)
        .orderByDescending("createdon")
        .top(1);
    LookupResult<String> body = caller.get(query.toRelativeUri(), deadline());
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
    try {
      caller.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
