package org.popline.ops.cdr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes call detail records on a thread of its own, so that no SIP, media or flow thread ever
 * waits for the disk. When the disk cannot keep up the bounded queue fills, and further records
 * are dropped, counted and logged rather than hold calls up. Records read back at start and those
 * written since are kept in memory, newest first, for the admin API.
 */
public final class CdrWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CdrWriter.class);
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final long LOG_DROPS_EVERY = 1000;
    /** Records written with one sync at most. */
    private static final int MAX_BATCH = 256;
    /**
     * The least time between two syncs. Each costs the kernel a flush to the device whatever it
     * carries: at a thousand calls a second, syncing as soon as a record came took 5 % of
     * Popline's CPU for batches of one or two. A record waits this long at most for its sync.
     */
    private static final long SYNC_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final CdrFiles files;
    private final RecentCdrs recent;
    private final BlockingQueue<CallDetailRecord> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;

    private CdrWriter(CdrFiles files, int queueCapacity, int keep) {
        this.files = files;
        this.recent = new RecentCdrs(keep);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::writeUntilClosed, "cdr-writer");
        thread.setDaemon(true);
    }

    /**
     * Opens the folder, reads back its newest {@code keep} records and starts the writer thread.
     *
     * @param queueCapacity records that may wait for the disk before further ones are dropped
     */
    public static CdrWriter start(Path folder, int queueCapacity, int keep) throws IOException {
        CdrWriter writer = new CdrWriter(CdrFiles.open(folder), queueCapacity, keep);
        List<CallDetailRecord> earlier = writer.files.readNewest(keep);
        earlier.forEach(writer.recent::add);
        log.info("call detail records in {}: {} read back", folder, earlier.size());
        writer.thread.start();
        return writer;
    }

    /** Queues a record for the disk without waiting; drops it (counted and logged) if the queue is full. */
    public void submit(CallDetailRecord record) {
        if (closing || !queue.offer(record)) {
            dropped.increment();
            long total = dropped.sum();
            // A disk that cannot keep up drops records by the thousand: the first and every thousandth are logged.
            if (total == 1 || total % LOG_DROPS_EVERY == 0) {
                log.warn("call record of {} dropped: {} ({} dropped so far)", record.callId(),
                        closing ? "the writer is closed" : "the CDR queue is full, the disk is not keeping up", total);
            }
        }
    }

    private void writeUntilClosed() {
        List<CallDetailRecord> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!closing || !queue.isEmpty()) {
                CallDetailRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    // What queued up during the last sync and the gap after it goes to the disk in this one.
                    queue.drainTo(batch, MAX_BATCH - 1);
                    long synced = System.nanoTime();
                    write(batch);
                    batch.clear();
                    long gap = synced + SYNC_GAP_NANOS - System.nanoTime();
                    if (!closing && gap > 0) {
                        TimeUnit.NANOSECONDS.sleep(gap);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<CallDetailRecord> batch) {
        try {
            files.append(batch);
            batch.forEach(recent::add);
        } catch (IOException | RuntimeException e) {
            failed.add(batch.size());
            log.error("{} call records ({} to {}) not written to {}: {}", batch.size(), batch.get(0).callId(),
                    batch.get(batch.size() - 1).callId(), files.folder(), e.toString());
        }
    }

    /** The newest records written, newest first. */
    public List<CallDetailRecord> newest(int limit) {
        return recent.newest(limit);
    }

    /** Records dropped because the queue was full (or came after close). */
    public long dropped() {
        return dropped.sum();
    }

    /** Records that could not be written (disk full, folder gone). */
    public long failed() {
        return failed.sum();
    }

    /** Writes what is queued (waiting a few seconds at most), then closes the file. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} call records still queued at shutdown were not written", queue.size());
            thread.interrupt();
        }
        try {
            files.close();
        } catch (IOException e) {
            log.warn("CDR file not closed cleanly: {}", e.toString());
        }
    }
}
