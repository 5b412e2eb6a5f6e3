package org.popline.sip.call;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.popline.ivr.CallFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each confirmed call's flow on a thread of the flow pool, hangs up a call whose flow fails
 * or finds no thread, and hands over each call's record once the call has ended and its flow has
 * finished, whichever comes last.
 */
final class FlowStarter {
    private static final Logger log = LoggerFactory.getLogger(FlowStarter.class);

    private final CallFlow flow;
    private final ExecutorService threads;
    private final CallEnder ender;
    private final Consumer<EndedCall> recorder;
    private final Map<String, InboundCall> running = new ConcurrentHashMap<>();

    FlowStarter(CallFlow flow, ExecutorService threads, CallEnder ender, Consumer<EndedCall> recorder) {
        this.flow = flow;
        this.threads = threads;
        this.ender = ender;
        this.recorder = recorder;
    }

    void start(InboundCall call) {
        if (!call.startingFlow()) {
            return;
        }
        running.put(call.callId(), call);
        try {
            threads.execute(CallLog.wrap(call.callId(), call.ani(), () -> {
                try {
                    flow.run(call);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    // Whatever killed the flow, the caller must not be left on a line nobody drives.
                    log.error("flow failed, hanging up", e);
                    ender.hangUp(call, EndedBy.FLOW, "flow error");
                    if (e instanceof Error error) {
                        throw error;
                    }
                } finally {
                    finished(call);
                }
            }));
        } catch (RejectedExecutionException e) {
            log.error("no flow thread free, hanging up");
            finished(call);
            ender.hangUp(call, EndedBy.ERROR, "no flow thread");
        }
    }

    private void finished(InboundCall call) {
        call.flowFinished();
        running.remove(call.callId(), call);
        record(call);
    }

    /** Hands over the call's record if it has ended and its flow (if any) has finished. */
    void record(InboundCall call) {
        call.takeRecord().ifPresent(recorder);
    }

    /**
     * At shutdown, after flow threads were given their chance to stop: records the calls whose flow
     * is still stuck, with what is known, rather than lose them.
     */
    void recordUnfinished() {
        running.values().forEach(this::finished);
    }
}
