package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Reason;

/** A 200 with a body that is not the Web API's JSON is BAD_RESPONSE, at once, without retrying. */
class MalformedResponseTest {
  @TempDir
  static Path folder;
  private static MalformedWebApi server;
  private static DataverseClient client;

  @BeforeAll
  static void start() throws Exception {
    server = new MalformedWebApi(folder);
    DataverseSettings settings = DataverseSettings.of(server.url(), server.url(), "test-tenant", "client", "SECRET")
        .withTrustStore(server.trustStore(), MalformedWebApi.PASSWORD);
    client = DataverseClient.create(settings, Map.of("SECRET", "s3cret")::get, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void neitherSecretNorTokenIsLoggedEvenAtDebug() {
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    ch.qos.logback.classic.Level before = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    root.addAppender(captured);
    try (DataverseClient fresh = DataverseClient.create(
        DataverseSettings.of(server.url(), server.url(), "test-tenant", "client", "SECRET")
            .withTrustStore(server.trustStore(), MalformedWebApi.PASSWORD),
        Map.of("SECRET", "s3cret")::get, Clock.systemUTC())) {
      server.answerWith("{\"value\":[]}");
      fresh.findContactByPhone("+1 415 555 0100");
    } finally {
      root.detachAppender(captured);
      root.setLevel(before);
    }
    assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("obtained an access token")));
    for (ch.qos.logback.classic.spi.ILoggingEvent event : captured.list) {
      String line = event.getFormattedMessage();
      assertFalse(line.contains("test-token") || line.contains("s3cret"), line);
    }
  }

  @Test
  void truncatedJson() {
    server.answerWith("{\"value\":[{\"contactid\":");
    Failed<Contact> failed = assertInstanceOf(Failed.class, client.findContactByPhone("+1 415 555 0100"));
    assertEquals(Reason.BAD_RESPONSE, failed.reason());
  }

  @Test
  void htmlInsteadOfJson() {
    server.answerWith("<html><body>Sign in</body></html>");
    Failed<Case> failed = assertInstanceOf(Failed.class,
        client.latestCase("70bf4d48-34cb-ed11-b596-0022481d68cd", false));
    assertEquals(Reason.BAD_RESPONSE, failed.reason());
  }

  @Test
  void rowWithoutItsKey() {
    server.answerWith("{\"value\":[{\"fullname\":\"Nobody\",\"telephone1\":\"+1 415 555 0199\"}]}");
    Failed<Contact> failed = assertInstanceOf(Failed.class, client.findContactByPhone("14155550199"));
    assertEquals(Reason.BAD_RESPONSE, failed.reason());
  }
}
