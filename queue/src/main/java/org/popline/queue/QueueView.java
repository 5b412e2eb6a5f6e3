package org.popline.queue;

import java.util.List;

/**
 * One queue as the admin API shows it: a snapshot, not kept up to date.
 *
 * @param waiting in the order they will be served
 * @param staffed agents serving the queue whose phone is registered, whatever they are doing
 */
public record QueueView(String name, Routing routing, List<WaitingCallerView> waiting, long longestWaitSeconds,
        int staffed, int available) {

    public QueueView {
        waiting = List.copyOf(waiting);
    }
}
