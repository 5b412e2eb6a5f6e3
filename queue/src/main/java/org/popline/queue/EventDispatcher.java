package org.popline.queue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands ACD events to listeners one at a time, in the order they were published, without holding
 * the ACD's lock: events are published under the lock (which fixes their order) and delivered
 * after it is released by whichever thread finds no delivery under way.
 */
final class EventDispatcher {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<AcdListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<AcdEvent> undelivered = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    void addListener(AcdListener listener) {
        listeners.add(listener);
    }

    void publish(AcdEvent event) {
        undelivered.add(event);
    }

    /**
     * Delivers what is queued, unless another thread is delivering: that thread then delivers these
     * too. Each pass ends once the queue is empty; the outer check catches an event published just
     * as the other thread finished.
     */
    void deliver() {
        while (!undelivered.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (AcdEvent event = undelivered.poll(); event != null; event = undelivered.poll()) {
                    notifyListeners(event);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void notifyListeners(AcdEvent event) {
        for (AcdListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("ACD listener {} failed on {}: {}", listener, event, e.toString());
            }
        }
    }
}
