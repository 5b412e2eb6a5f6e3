package org.popline.queue;

/**
 * Hears every ACD event, one at a time and in the order they happened, on whichever thread caused
 * them, after the ACD has released its lock; it may call the ACD back. It should return quickly.
 */
@FunctionalInterface
public interface AcdListener {

    void onEvent(AcdEvent event);
}
