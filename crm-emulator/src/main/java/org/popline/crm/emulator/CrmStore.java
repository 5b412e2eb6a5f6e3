package org.popline.crm.emulator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

/**
 * The emulator's in-memory tables. Creating fills the columns Dataverse computes (id, full name, ticket number,
 * created on, state); records are immutable, so a query works on a snapshot taken under a short read lock.
 */
public final class CrmStore {

    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Map<String, EntityRecord>> tables = new HashMap<>();
    private final AtomicLong versions = new AtomicLong(1_000_000);
    private final TicketNumbers ticketNumbers = new TicketNumbers();

    public CrmStore(Clock clock) {
        this.clock = clock;
        EntityTypes.all().forEach(t -> tables.put(t.setName(), new LinkedHashMap<>()));
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
            Map<String, EntityRecord> table = tables.get(type.setName());
            if (table.containsKey(id)) {
                throw new IllegalArgumentException("A record with id " + id + " already exists in " + type.setName());
            }
            table.put(id, record);
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
            return Optional.ofNullable(tables.get(type.setName()).get(id.toLowerCase()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every record of the table, in creation order. */
    public List<EntityRecord> all(EntityType type) {
        lock.readLock().lock();
        try {
            return new ArrayList<>(tables.get(type.setName()).values());
        } finally {
            lock.readLock().unlock();
        }
    }
}
