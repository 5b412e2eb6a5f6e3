package org.popline.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records when it ticks and what it was told was skipped; stops its clock thread after a number of ticks. */
final class StopAfter implements MediaClock.Listener {

    private final int ticks;
    private final SimulatedTime time;
    private final ClockShardLookup shard;
    final List<Long> firedAt = new ArrayList<>();
    final List<Integer> skips = new ArrayList<>();

    /** Finds the shard to stop once the listener has been placed on one. */
    interface ClockShardLookup {
        ClockShard of(MediaClock.Listener listener);
    }

    StopAfter(int ticks, SimulatedTime time, ClockShardLookup shard) {
        this.ticks = ticks;
        this.time = time;
        this.shard = shard;
    }

    @Override
    public void onTick(ByteBuffer scratch, int skippedFrames) {
        firedAt.add(time.nanoTime());
        skips.add(skippedFrames);
        if (skips.size() == ticks) {
            shard.of(this).stop();
        }
    }
}
