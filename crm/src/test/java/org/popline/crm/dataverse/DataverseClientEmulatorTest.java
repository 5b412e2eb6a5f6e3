package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.dataverse.LookupResult.Ambiguous;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Found;
import org.popline.crm.dataverse.LookupResult.NotFound;
import org.popline.crm.dataverse.LookupResult.Reason;
import org.popline.crm.emulator.DataverseEmulator;
import org.popline.crm.emulator.EmulatorSettings;

/**
 * The client against the Dataverse emulator over real HTTPS (trusting only the lab certificate)
 * with real client-credential tokens from its Entra-style endpoint, for every outcome the flow
 * branches on and every failure the policy handles. Each test builds its own client, so no
 * cached token or answer carries over between tests.
 */
class DataverseClientEmulatorTest {
  private static final String SECRET_VARIABLE = "POPLINE_TEST_CRM_SECRET";
  private static final String SECRET = "lab-secret-not-for-production";
  private static final String ANNA = "11111111-0000-4000-8000-000000000001";
  private static final String BOB = "11111111-0000-4000-8000-000000000002";
  private static final String NO_CASES = "11111111-0000-4000-8000-000000000005";

  @TempDir
  static Path folder;
  private static DataverseEmulator emulator;
  private DataverseClient client;

  @BeforeAll
  static void startEmulator() throws Exception {
    Path seed = folder.resolve("seed.json");
    Files.writeString(seed, """
        {"contacts":[
          {"contactid":"%s","fullname":"Anna Schmidt","telephone1":"+49 30 1234567"},
          {"contactid":"%s","fullname":"Bob O'Brien","mobilephone":"(040) 555-0123"},
          {"contactid":"11111111-0000-4000-8000-000000000003","fullname":"Carla Weiss","telephone2":"+49 40 5550123"},
          {"contactid":"11111111-0000-4000-8000-000000000004","fullname":"Eve Decoy","telephone1":"+49 89 1234567"},
          {"contactid":"%s","fullname":"Dan Lonely","telephone1":"+1 (415) 555-0100"}
         ],
         "incidents":[
          {"incidentid":"22222222-0000-4000-8000-000000000001","title":"Old active","ticketnumber":"CAS-01001-AAAAAA",
           "_customerid_value":"%s","statecode":0,"createdon":"2024-01-01T09:00:00Z"},
          {"incidentid":"22222222-0000-4000-8000-000000000002","title":"Newer active","ticketnumber":"CAS-01002-BBBBBB",
           "_customerid_value":"%s","statecode":0,"createdon":"2024-03-01T09:00:00Z"},
          {"incidentid":"22222222-0000-4000-8000-000000000003","title":"Newest, resolved","ticketnumber":"CAS-01003-CCCCCC",
           "_customerid_value":"%s","statecode":1,"createdon":"2024-05-01T09:00:00Z"},
          {"incidentid":"22222222-0000-4000-8000-000000000004","title":"Bob's printer","ticketnumber":"CAS-01004-DDDDDD",
           "_customerid_value":"%s","statecode":0,"createdon":"2024-02-01T09:00:00Z"}
         ]}
        """.formatted(ANNA, BOB, NO_CASES, ANNA, ANNA, ANNA, BOB));
    emulator = DataverseEmulator.start(EmulatorSettings.builder()
        .tlsFolder(folder.resolve("tls"))
        .seedFile(seed)
        .tenant("Popline-Lab")
        .clientId("popline-client")
        .clientSecret(SECRET)
        .build());
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @AfterEach
  void closeClient() {
    emulator.faults().clear();
    if (client != null) {
      client.close();
    }
  }

  private DataverseClient client(Duration budget) {
    URI root = URI.create(emulator.baseUrl());
    DataverseSettings settings = DataverseSettings.of(root, root, "Popline-Lab", "popline-client", SECRET_VARIABLE)
        .withTrustStore(emulator.certificate().pemFile(), null)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), budget)
        .withPhones(List.of("telephone1", "mobilephone", "telephone2"), "DE");
    client = DataverseClient.create(settings, Map.of(SECRET_VARIABLE, SECRET)::get, Clock.systemUTC());
    return client;
  }

  private DataverseClient client() {
    return client(Duration.ofSeconds(4));
  }

  @Test
  void foundByStrippedAniDespiteADecoyWithTheSameLastSevenDigits() {
    Found<Contact> found = assertInstanceOf(Found.class, client().findContactByPhone("301234567"));
    assertEquals(ANNA, found.value().id());
    assertEquals("Anna Schmidt", found.value().fullName());
    assertEquals(Map.of("telephone1", "+49 30 1234567"), found.value().phones());
  }

  @Test
  void foundByFullInternationalAniInAnotherCountryNotation() {
    Found<Contact> found = assertInstanceOf(Found.class, client().findContactByPhone("+14155550100"));
    assertEquals(NO_CASES, found.value().id());
  }

  @Test
  void notFound() {
    assertInstanceOf(NotFound.class, client().findContactByPhone("+49 30 9999999"));
  }

  @Test
  void twoContactsWithTheSameNumberAreAmbiguous() {
    Ambiguous<Contact> ambiguous = assertInstanceOf(Ambiguous.class, client().findContactByPhone("+49405550123"));
    assertEquals(Set.of(BOB, "11111111-0000-4000-8000-000000000003"),
        ambiguous.candidates().stream().map(Contact::id).collect(Collectors.toSet()));
  }

  @Test
  void latestCaseIsTheNewestByCreatedOn() {
    Found<Case> found = assertInstanceOf(Found.class, client().latestCase(ANNA, false));
    assertEquals(new Case("22222222-0000-4000-8000-000000000003", "CAS-01003-CCCCCC", "Newest, resolved",
        CaseState.RESOLVED, Instant.parse("2024-05-01T09:00:00Z")), found.value());
  }

  @Test
  void latestActiveCaseSkipsResolvedOnes() {
    Found<Case> found = assertInstanceOf(Found.class, client().latestCase(ANNA, true));
    assertEquals("CAS-01002-BBBBBB", found.value().ticketNumber());
    assertEquals(CaseState.ACTIVE, found.value().state());
  }

  @Test
  void contactWithoutCases() {
    assertInstanceOf(NotFound.class, client().latestCase(NO_CASES, false));
  }

  @Test
  void nameWithAQuoteAndNumberWithAPlusSurviveTheTripToTheServer() {
    DataverseClient c = client();
    Found<List<Contact>> byName = assertInstanceOf(Found.class, c.contacts(ODataQuery.of("contacts")
        .select("contactid", "fullname").filter(ODataFilter.eq("fullname", "Bob O'Brien"))));
    assertEquals(List.of(BOB), byName.value().stream().map(Contact::id).toList());
    Found<List<Contact>> byPlus = assertInstanceOf(Found.class, c.contacts(ODataQuery.of("contacts")
        .select("contactid", "telephone1").filter(ODataFilter.eq("telephone1", "+49 30 1234567"))));
    assertEquals(List.of(ANNA), byPlus.value().stream().map(Contact::id).toList());
  }

  @Test
  void revokedTokenIsRefreshedOnceAndTheLookupSucceeds() {
    DataverseClient c = client();
    assertInstanceOf(Found.class, c.latestCase(ANNA, false));
    emulator.revokeTokens();
    assertInstanceOf(Found.class, c.latestCase(BOB, false));
  }

  @Test
  void oneTokenServesManyLookupsThoughMsalCannotCacheWithAPort() {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AccessTokens.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> obtained =
        new ch.qos.logback.core.read.ListAppender<>();
    obtained.start();
    log.addAppender(obtained);
    try {
      DataverseClient c = client();
      assertInstanceOf(Found.class, c.latestCase(ANNA, false));
      assertInstanceOf(Found.class, c.latestCase(BOB, false));
      assertInstanceOf(NotFound.class, c.latestCase(NO_CASES, true));
    } finally {
      log.detachAppender(obtained);
    }
    assertEquals(1, obtained.list.size());
  }

  @Test
  void wrongSecretIsUnauthorized() {
    URI root = URI.create(emulator.baseUrl());
    DataverseSettings settings = DataverseSettings.of(root, root, "popline-lab", "popline-client", SECRET_VARIABLE)
        .withTrustStore(emulator.certificate().pemFile(), null);
    client = DataverseClient.create(settings, Map.of(SECRET_VARIABLE, "wrong")::get, Clock.systemUTC());
    Failed<Case> failed = assertInstanceOf(Failed.class, client.latestCase(ANNA, false));
    assertEquals(Reason.UNAUTHORIZED, failed.reason());
    assertTrue(failed.detail().contains("invalid_client"), failed.detail());
  }

  @Test
  void throttledWithRetryAfterInsideTheBudgetIsWaitedOut() {
    DataverseClient c = client(Duration.ofSeconds(4));
    emulator.faults().throttle(1, 1);
    long started = System.nanoTime();
    assertInstanceOf(Found.class, c.latestCase(ANNA, false));
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1000, "Retry-After was honoured");
  }

  @Test
  void throttledWithRetryAfterBeyondTheBudgetFailsFast() throws Exception {
    DataverseClient c = client(Duration.ofSeconds(2));
    // a token first: what is timed is the answer to the 429, not a cold start of the token client
    c.accessToken(Duration.ofSeconds(20));
    emulator.faults().throttle(1, 30);
    long started = System.nanoTime();
    LookupResult<Case> answer = c.latestCase(ANNA, false);
    Failed<Case> failed = assertInstanceOf(Failed.class, answer, answer.toString());
    assertEquals(Reason.THROTTLED, failed.reason());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1500, "did not wait for Retry-After");
  }

  @Test
  void serviceUnavailableEveryTimeIsServerErrorWithinTheBudget() {
    DataverseClient c = client(Duration.ofSeconds(2));
    emulator.faults().errorRate(1.0, 503);
    long started = System.nanoTime();
    Failed<Case> failed = assertInstanceOf(Failed.class, c.latestCase(ANNA, false));
    assertEquals(Reason.SERVER_ERROR, failed.reason());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500);
  }

  @Test
  void slowServerIsATimeoutThatNeverOutlastsTheBudget() {
    DataverseClient c = client(Duration.ofMillis(1500));
    c.latestCase(BOB, true);
    emulator.faults().latency(Duration.ofSeconds(5));
    long started = System.nanoTime();
    Failed<Case> failed = assertInstanceOf(Failed.class, c.latestCase(ANNA, false));
    assertEquals(Reason.TIMEOUT, failed.reason());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000, "bounded by the budget");
  }

  @Test
  void cachedAnswerStandsInWhenTheCrmFails() {
    DataverseClient c = client(Duration.ofSeconds(2));
    assertInstanceOf(Found.class, c.findContactByPhone("301234567"));
    emulator.faults().errorRate(1.0, 500);
    assertInstanceOf(Found.class, c.findContactByPhone("+49 30 1234567"));
  }

  @Test
  void tokenEndpointDownIsAFailureNotAHang() {
    DataverseClient c = client(Duration.ofSeconds(2));
    emulator.faults().tokenEndpointDown(true);
    Failed<Case> failed = assertInstanceOf(Failed.class, c.latestCase(ANNA, false));
    assertEquals(Reason.SERVER_ERROR, failed.reason());
  }

  @Test
  void lendsItsServiceRootTokenAndTrustToOtherCallers() throws Exception {
    DataverseClient c = client();
    assertEquals(URI.create(emulator.webApiUrl()), c.serviceRoot());
    String token = c.accessToken(Duration.ofSeconds(2));
    assertEquals(token, c.accessToken(Duration.ofSeconds(2)), "cached, not fetched again");
    c.invalidateToken();
    assertNotEquals(token, c.accessToken(Duration.ofSeconds(2)), "a refused token is replaced");
    assertSame(c.tls(), c.tls());
    assertEquals("TLS", c.tls().getProtocol());
  }

  @Test
  void noTokenWithAWrongSecretAndTheMessageDoesNotHoldIt() {
    URI root = URI.create(emulator.baseUrl());
    DataverseSettings settings = DataverseSettings.of(root, root, "popline-lab", "popline-client", SECRET_VARIABLE)
        .withTrustStore(emulator.certificate().pemFile(), null);
    client = DataverseClient.create(settings, Map.of(SECRET_VARIABLE, "wrong-secret-value")::get, Clock.systemUTC());
    // a cold client's first TLS handshake on a loaded machine can take seconds; what is checked is the message
    TokenException e = assertThrows(TokenException.class, () -> client.accessToken(Duration.ofSeconds(20)));
    assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret-value"), e.getMessage());
  }
}
