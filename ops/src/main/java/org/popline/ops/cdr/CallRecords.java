package org.popline.ops.cdr;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.ivr.engine.FlowObserver;
import org.popline.ivr.engine.FlowReport;
import org.popline.sip.call.EndedCall;

/**
 * Makes one record per call from its two halves: the flow's report, which comes first (the call's
 * record waits for its flow to finish), and what signalling knew when the call ended.
 */
public final class CallRecords implements FlowObserver {
    private final Map<String, FlowReport> reports = new ConcurrentHashMap<>();
    private final CdrWriter writer;
    private final String node;

    /** @param node the name this node's records carry */
    public CallRecords(CdrWriter writer, String node) {
        this.writer = writer;
        this.node = node;
    }

    @Override
    public void finished(FlowReport report) {
        reports.put(report.callId(), report);
    }

    public void ended(EndedCall call) {
        writer.submit(CallDetailRecord.of(call, Optional.ofNullable(reports.remove(call.callId())), node));
    }
}
