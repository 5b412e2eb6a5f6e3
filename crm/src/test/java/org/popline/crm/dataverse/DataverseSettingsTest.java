package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataverseSettingsTest {
  private final DataverseSettings real = DataverseSettings.of(URI.create("https://contoso.crm.dynamics.com/"),
      DataverseSettings.MICROSOFT_LOGIN, "8d2b7c1e-0000-4000-8000-000000000001", "client", "POPLINE_CRM_SECRET");
  private final DataverseSettings lab = DataverseSettings.of(URI.create("https://127.0.0.1:8443"),
      URI.create("https://127.0.0.1:8443"), "popline-lab", "client", "POPLINE_CRM_SECRET");

  @Test
  void derivedUrls() {
    assertEquals(URI.create("https://contoso.crm.dynamics.com/api/data/v9.2/"), real.serviceRoot());
    assertEquals("https://contoso.crm.dynamics.com/.default", real.scope());
    assertEquals("https://login.microsoftonline.com/8d2b7c1e-0000-4000-8000-000000000001/", real.authority());
    assertEquals("https://127.0.0.1:8443/popline-lab/", lab.authority());
    assertEquals("https://127.0.0.1:8443/.default", lab.scope());
  }

  @Test
  void instanceDiscoveryOnlyForMicrosoftsLogin() {
    assertTrue(real.isMicrosoftLogin());
    assertFalse(lab.isMicrosoftLogin());
  }

  @Test
  void httpIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> DataverseSettings.of(URI.create("http://127.0.0.1:8080"),
        URI.create("https://127.0.0.1:8443"), "t", "c", "V"));
    assertThrows(IllegalArgumentException.class, () -> DataverseSettings.of(URI.create("https://127.0.0.1:8443"),
        URI.create("http://127.0.0.1:8080"), "t", "c", "V"));
  }

  @Test
  void phoneColumnsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> lab.withPhones(List.of(), "DE"));
    assertThrows(IllegalArgumentException.class, () -> lab.withPhones(List.of("telephone1)"), "DE"));
  }

  @Test
  void missingSecretVariableFailsAtOnceNamingIt() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DataverseClient.create(lab, Map.<String, String>of()::get, Clock.systemUTC()));
    assertTrue(e.getMessage().contains("POPLINE_CRM_SECRET"), e.getMessage());
  }

  @Test
  void unknownRegionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PhoneMatcher("XX"));
  }
}
