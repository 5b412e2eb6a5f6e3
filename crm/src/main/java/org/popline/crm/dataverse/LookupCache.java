package org.popline.crm.dataverse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers recent lookup answers, found and not found alike, so a caller who rings back does not
 * cost another round trip; and when the CRM fails, answers with what it said recently
 * (stale-if-error) rather than failing the greeting.
 */
public final class LookupCache<K, T> {
  private final Duration ttl;
  private final Duration maxStale;
  private final int maxEntries;
  private final Clock clock;
  private final Map<K, Entry<T>> entries;

  private record Entry<T>(LookupResult<T> answer, Instant storedAt) {}

  /**
   * @param ttl how long an answer is served without asking the CRM
   * @param maxStale how long after storing an answer may still stand in for a failed lookup;
   *     at least {@code ttl}
   */
  public LookupCache(Duration ttl, Duration maxStale, int maxEntries, Clock clock) {
    if (maxStale.compareTo(ttl) < 0) {
      throw new IllegalArgumentException("maxStale must be at least ttl");
    }
    this.ttl = ttl;
    this.maxStale = maxStale;
    this.maxEntries = maxEntries;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<T>> eldest) {
        return size() > LookupCache.this.maxEntries;
      }
    };
  }

  /**
   * A fresh cached answer, else the fetched one; if the fetch fails, a stale answer younger than
   * maxStale, else the failure. The fetch runs outside the lock so one slow lookup does not
   * block every other caller.
   */
  public LookupResult<T> get(K key, Supplier<LookupResult<T>> fetch) {
    Entry<T> cached = lookup(key);
    Instant now = clock.instant();
    if (cached != null && age(cached, now).compareTo(ttl) <= 0) {
      return cached.answer();
    }
    LookupResult<T> fetched = fetch.get();
    if (fetched.isAnswer()) {
      store(key, new Entry<>(fetched, clock.instant()));
      return fetched;
    }
    if (cached != null && age(cached, clock.instant()).compareTo(maxStale) <= 0) {
      return cached.answer();
    }
    return fetched;
  }

  public synchronized void invalidate(K key) {
    entries.remove(key);
  }

  public synchronized int size() {
    return entries.size();
  }

  private synchronized Entry<T> lookup(K key) {
    return entries.get(key);
  }

  private synchronized void store(K key, Entry<T> entry) {
    entries.put(key, entry);
  }

  private static Duration age(Entry<?> entry, Instant now) {
    return Duration.between(entry.storedAt(), now);
  }
}
