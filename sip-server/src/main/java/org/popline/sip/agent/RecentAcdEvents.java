package org.popline.sip.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.popline.queue.AcdEvent;
import org.popline.queue.AcdListener;

/** The ACD's last events (agent state changes, callers queued, offered, answered, gone), newest first, for the admin API. */
public final class RecentAcdEvents implements AcdListener {
    private final int keep;
    private final Deque<AcdEvent> events = new ArrayDeque<>();

    public RecentAcdEvents(int keep) {
        this.keep = keep;
    }

    @Override
    public synchronized void onEvent(AcdEvent event) {
        events.addFirst(event);
        while (events.size() > keep) {
            events.removeLast();
        }
    }

    public synchronized List<AcdEvent> list() {
        return List.copyOf(events);
    }
}
