package org.popline.crm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void seconds() {
    assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse(" 2 ", NOW));
  }

  @Test
  void httpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(5)), RetryAfter.parse("Fri, 01 May 2026 10:00:05 GMT", NOW));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 01 May 2026 09:00:00 GMT", NOW));
  }

  @Test
  void absentOrGarbage() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
  }
}
