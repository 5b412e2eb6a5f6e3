package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Found;
import org.popline.crm.dataverse.LookupResult.NotFound;
import org.popline.crm.dataverse.LookupResult.Reason;

class LookupCacheTest {
  private final MutableClock clock = new MutableClock();
  private final LookupCache<String, String> cache =
      new LookupCache<>(Duration.ofSeconds(60), Duration.ofMinutes(10), 2, clock);
  private final AtomicInteger fetches = new AtomicInteger();

  private Supplier<LookupResult<String>> answering(LookupResult<String> result) {
    return () -> {
      fetches.incrementAndGet();
      return result;
    };
  }

  @Test
  void freshAnswerIsServedWithoutFetching() {
    cache.get("a", answering(new Found<>("Alice")));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(new Found<>("Alice"), cache.get("a", answering(new Found<>("other"))));
    assertEquals(1, fetches.get());
  }

  @Test
  void notFoundIsCachedToo() {
    cache.get("a", answering(new NotFound<>()));
    assertEquals(new NotFound<String>(), cache.get("a", answering(new Found<>("Alice"))));
    assertEquals(1, fetches.get());
  }

  @Test
  void expiredAnswerIsFetchedAgain() {
    cache.get("a", answering(new Found<>("Alice")));
    clock.advance(Duration.ofSeconds(61));
    assertEquals(new Found<>("Alicia"), cache.get("a", answering(new Found<>("Alicia"))));
    assertEquals(2, fetches.get());
  }

  @Test
  void staleAnswerStandsInForAFailureWithinMaxStale() {
    cache.get("a", answering(new Found<>("Alice")));
    clock.advance(Duration.ofMinutes(10));
    assertEquals(new Found<>("Alice"), cache.get("a", answering(new Failed<>(Reason.TIMEOUT, "slow"))));
  }

  @Test
  void tooStaleAnswerDoesNotHideTheFailure() {
    cache.get("a", answering(new Found<>("Alice")));
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    Failed<String> failure = new Failed<>(Reason.SERVER_ERROR, "500");
    assertEquals(failure, cache.get("a", answering(failure)));
  }

  @Test
  void failuresAreNotCached() {
    cache.get("a", answering(new Failed<>(Reason.TIMEOUT, "slow")));
    assertEquals(new Found<>("Alice"), cache.get("a", answering(new Found<>("Alice"))));
    assertEquals(2, fetches.get());
  }

  @Test
  void leastRecentlyUsedEntryIsEvicted() {
    cache.get("a", answering(new Found<>("A")));
    cache.get("b", answering(new Found<>("B")));
    cache.get("a", answering(new Found<>("unused")));
    cache.get("c", answering(new Found<>("C")));
    assertEquals(2, cache.size());
    assertEquals(new Found<>("A"), cache.get("a", answering(new Found<>("A2"))));
    assertEquals(new Found<>("B2"), cache.get("b", answering(new Found<>("B2"))));
  }

  @Test
  void maxStaleShorterThanTtlIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new LookupCache<String, String>(Duration.ofMinutes(2), Duration.ofMinutes(1), 10, clock));
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-05-01T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
