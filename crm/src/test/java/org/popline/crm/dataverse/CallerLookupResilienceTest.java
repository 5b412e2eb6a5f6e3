package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Found;
import org.popline.crm.dataverse.LookupResult.Reason;
import org.popline.crm.emulator.DataverseEmulator;
import org.popline.crm.emulator.EmulatorSettings;

/**
 * The one caller lookup under the emulator's faults: whatever the CRM does, findCaller answers
 * within crm.lookup-budget (both requests, retries, Retry-After and token renewal included), a
 * recent answer stands in when the CRM fails, and the circuit breaker stops asking a CRM that keeps
 * failing, then lets a probe through.
 */
class CallerLookupResilienceTest {
  private static final String SECRET_VARIABLE = "POPLINE_RESILIENCE_SECRET";
  private static final String SECRET = "resilience-lab-secret";
  /** Michael Brown in the demo seed, who has cases. */
  private static final String MICHAEL = "+14155550100";
  /** Slack for scheduling on a loaded machine; what is asserted is the budget, not speed. */
  private static final Duration SLACK = Duration.ofMillis(700);

  @TempDir
  static Path folder;
  private static DataverseEmulator emulator;
  private DataverseClient client;

  @BeforeAll
  static void start() throws Exception {
    emulator = DataverseEmulator.start(EmulatorSettings.builder().tlsFolder(folder.resolve("tls"))
        .seedFile(Path.of("../conf/crm-seed.json")).tenant("lab").clientId("popline")
        .clientSecret(SECRET).build());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @AfterEach
  void clear() {
    emulator.faults().clear();
    if (client != null) {
      client.close();
    }
  }

  private DataverseClient client(URI root, Duration budget, Duration ttl, BreakerSettings breaker) {
    DataverseSettings settings = DataverseSettings.of(root, URI.create(emulator.baseUrl()), "lab", "popline",
            SECRET_VARIABLE)
        .withTrustStore(emulator.certificate().pemFile(), null)
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), budget)
        .withCache(ttl, Duration.ofMinutes(10), 100)
        .withBreaker(breaker);
    client = DataverseClient.create(settings, Map.of(SECRET_VARIABLE, SECRET)::get, Clock.systemUTC());
    return client;
  }

  /** A client holding a token already, so what is timed is the lookup under the fault injected next. */
  private DataverseClient client(Duration budget) {
    DataverseClient c = client(URI.create(emulator.baseUrl()), budget, Duration.ZERO, BreakerSettings.DEFAULT);
    try {
      c.accessToken(Duration.ofSeconds(20));
    } catch (TokenException e) {
      throw new IllegalStateException("the emulator gave no token", e);
    }
    return c;
  }

  /** Runs the lookup, checks it answered within the budget, returns the answer. */
  private static CallerAnswer within(Duration budget, DataverseClient c, String ani) {
    long started = System.nanoTime();
    CallerAnswer answer = c.findCaller(ani);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(budget.plus(SLACK)) < 0, "answered in " + took.toMillis() + " ms, budget " + budget);
    return answer;
  }

  @Test
  void foundWithTheLatestCaseInTwoRequests() {
    DataverseClient c = client(Duration.ofSeconds(4));
    long before = c.webApiRequests();
    CallerAnswer answer = within(Duration.ofSeconds(4), c, MICHAEL);
    Found<?> found = assertInstanceOf(Found.class, answer.contact());
    assertEquals("Michael Brown", ((Contact) found.value()).fullName());
    assertInstanceOf(Found.class, answer.latestCase().orElseThrow());
    assertEquals(2, c.webApiRequests() - before);
  }

  @Test
  void serverErrorsEveryTimeFailWithinTheBudget() {
    Duration budget = Duration.ofMillis(1500);
    DataverseClient c = client(budget);
    emulator.faults().errorRate(1.0, 500);
    Failed<?> failed = assertInstanceOf(Failed.class, within(budget, c, MICHAEL).contact());
    assertEquals(Reason.SERVER_ERROR, failed.reason());
  }

  @Test
  void throttledWithRetryAfterInsideTheBudgetIsWaitedOutAndFound() {
    Duration budget = Duration.ofSeconds(3);
    DataverseClient c = client(budget);
    emulator.faults().throttle(1, 1);
    CallerAnswer answer = within(budget, c, MICHAEL);
    assertInstanceOf(Found.class, answer.contact(), answer.toString());
  }

  @Test
  void throttledBeyondTheBudgetFailsAtOnce() {
    Duration budget = Duration.ofSeconds(2);
    DataverseClient c = client(budget);
    emulator.faults().throttle(5, 30);
    Failed<?> failed = assertInstanceOf(Failed.class, within(budget, c, MICHAEL).contact());
    assertEquals(Reason.THROTTLED, failed.reason());
  }

  @Test
  void fiveSecondLatencyIsCutOffAtTheBudgetForBothRequestsTogether() {
    Duration budget = Duration.ofMillis(1500);
    DataverseClient c = client(budget);
    c.findCaller("+15550000000");
    emulator.faults().latency(Duration.ofSeconds(5));
    Failed<?> failed = assertInstanceOf(Failed.class, within(budget, c, MICHAEL).contact());
    assertEquals(Reason.TIMEOUT, failed.reason());
  }

  @Test
  void tokenEndpointDownFailsWithinTheBudget() {
    Duration budget = Duration.ofSeconds(2);
    DataverseClient c = client(URI.create(emulator.baseUrl()), budget, Duration.ZERO, BreakerSettings.DEFAULT);
    emulator.faults().tokenEndpointDown(true);
    assertInstanceOf(Failed.class, within(budget, c, MICHAEL).contact());
  }

  @Test
  void connectionRefusedFailsWithinTheBudget() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Duration budget = Duration.ofSeconds(2);
    DataverseClient c = client(URI.create("https://127.0.0.1:" + closedPort), budget, Duration.ZERO,
        BreakerSettings.DEFAULT);
    Failed<?> failed = assertInstanceOf(Failed.class, within(budget, c, MICHAEL).contact());
    assertEquals(Reason.CONNECT_FAILED, failed.reason(), failed.detail());
  }

  @Test
  void aRecentAnswerServesWhenTheCrmFails() {
    Duration budget = Duration.ofSeconds(2);
    DataverseClient c = client(URI.create(emulator.baseUrl()), budget, Duration.ZERO, BreakerSettings.DEFAULT);
    assertInstanceOf(Found.class, c.findCaller(MICHAEL).contact());
    emulator.faults().errorRate(1.0, 503);
    CallerAnswer stale = within(budget, c, "4155550100");
    assertInstanceOf(Found.class, stale.contact());
    assertInstanceOf(Found.class, stale.latestCase().orElseThrow());
  }

  @Test
  void circuitOpensAfterRepeatedFailuresThenAProbeClosesIt() throws Exception {
    Duration budget = Duration.ofSeconds(1);
    DataverseClient c = client(URI.create(emulator.baseUrl()), budget, Duration.ZERO,
        new BreakerSettings(4, 4, 50, Duration.ofSeconds(1)));
    emulator.faults().errorRate(1.0, 500);
    for (int i = 0; i < 4; i++) {
      c.findCaller("+1415555020" + i);
    }
    assertEquals("OPEN", c.circuitState());
    long before = c.webApiRequests();
    Failed<?> failed = assertInstanceOf(Failed.class, within(Duration.ofMillis(100), c, MICHAEL).contact());
    assertEquals(Reason.UNAVAILABLE, failed.reason());
    assertEquals(before, c.webApiRequests(), "an open circuit sends nothing");

    emulator.faults().clear();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(c.findCaller(MICHAEL).contact() instanceof Found) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals("CLOSED", c.circuitState());
  }
}
