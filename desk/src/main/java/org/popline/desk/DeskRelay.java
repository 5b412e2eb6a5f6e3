package org.popline.desk;

import java.util.function.Consumer;

/**
 * How desk changes reach the desks: straight to this node's ({@link #local()}), or through a store every
 * node hears in one order, so that each node's pages show the same.
 */
public interface DeskRelay {

    /** From now on hands every change, from this node or another, to {@code apply}; called once. */
    void start(Consumer<DeskChange> apply);

    /** Passes on a change that happened on this node; returns quickly. */
    void send(DeskChange change);

    /** One node: a change is applied where it happens. */
    static DeskRelay local() {
        return new DeskRelay() {
            private Consumer<DeskChange> apply = change -> { };

            @Override
            public void start(Consumer<DeskChange> apply) {
                this.apply = apply;
            }

            @Override
            public void send(DeskChange change) {
                apply.accept(change);
            }
        };
    }
}
