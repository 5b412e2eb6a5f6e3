package org.popline.crm.emulator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.popline.crm.emulator.odata.EntityRecord;
import org.popline.crm.emulator.odata.EntityType;
import org.popline.crm.emulator.odata.FilterExpression;
import org.popline.crm.emulator.odata.IndexedRows;

/**
 * The emulator's in-memory tables. Creating fills the columns Dataverse computes (id, full name, ticket number,
 * created on, state); records are immutable, so a query works on a snapshot taken under a short read lock, narrowed
 * by the indexes of {@link IndexedRows}.
 */
public final class CrmStore {

    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, EntityRecord>> byId = new HashMap<>();
    private final Map<String, IndexedRows> tables = new HashMap<>();
    private final AtomicLong versions = new AtomicLong(1_000_000);
    private final TicketNumbers ticketNumbers = new TicketNumbers();

    public CrmStore(Clock clock) {
        this.clock = clock;
        EntityTypes.all().forEach(t -> {
            byId.put(t.setName(), new HashMap<>());
            tables.put(t.setName(), new IndexedRows(t));
        });
    }

    /** Stores a new record; values not given are computed as Dataverse would. Values must already be typed. */
    public EntityRecord create(EntityType type, Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        String id = ((String) row.computeIfAbsent(type.keyColumn(), k -> UUID.randomUUID().toString())).toLowerCase();
        row.put(type.keyColumn(), id);
        row.putIfAbsent("createdon", clock.instant().truncatedTo(ChronoUnit.SECONDS));
        row.putIfAbsent("statecode", 0);
        row.putIfAbsent("statuscode", 1);
        if (type == EntityTypes.CONTACT) {
            row.computeIfAbsent("fullname", k -> fullName(row));
        }
        if (type == EntityTypes.INCIDENT) {
            Object ticket = row.get("ticketnumber");
            if (ticket == null) {
                row.put("ticketnumber", ticketNumbers.next());
            } else {
                ticketNumbers.observe((String) ticket);
            }
        }
        EntityRecord record = new EntityRecord(row, versions.incrementAndGet());
        lock.writeLock().lock();
        try {
            Map<String, EntityRecord> table = byId.get(type.setName());
            if (table.containsKey(id)) {
                throw new IllegalArgumentException("A record with id " + id + " already exists in " + type.setName());
            }
            table.put(id, record);
            tables.get(type.setName()).add(record);
        } finally {
            lock.writeLock().unlock();
        }
        return record;
    }

    private static String fullName(Map<String, Object> row) {
        String first = (String) row.get("firstname");
        String last = (String) row.get("lastname");
        return ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
    }

    public Optional<EntityRecord> find(EntityType type, String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(type.setName()).get(id.toLowerCase()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every record of the table, in creation order. */
    public List<EntityRecord> all(EntityType type) {
        lock.readLock().lock();
        try {
            return tables.get(type.setName()).all();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Builds the indexes of these columns now, so no query has to wait for them. */
    public void index(EntityType type, String... columns) {
        lock.readLock().lock();
        try {
            for (String column : columns) {
                tables.get(type.setName()).index(type.requireColumn(column));
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The records a {@code $filter} could match, in creation order (all of them when it is null or no index narrows
     * it); the caller applies the filter to each.
     */
    public List<EntityRecord> candidates(EntityType type, FilterExpression filter) {
        lock.readLock().lock();
        try {
            return tables.get(type.setName()).candidates(filter);
        } finally {
            lock.readLock().unlock();
        }
    }
}
