package org.popline.ivr.engine;

import java.util.function.Supplier;
import org.popline.ivr.Call;
import org.popline.ivr.CallFlow;

/**
 * Runs the flow in service for each call: the version current when the call starts, to its end,
 * with a trace kept in {@link FlowTraces}.
 */
public final class FlowEngine implements CallFlow {
    private final Supplier<LoadedFlow> current;
    private final FlowServices services;
    private final FlowTraces traces;

    public FlowEngine(Supplier<LoadedFlow> current, FlowServices services, FlowTraces traces) {
        this.current = current;
        this.services = services;
        this.traces = traces;
    }

    @Override
    public void run(Call call) throws InterruptedException {
        LoadedFlow flow = current.get();
        CallTrace trace = new CallTrace(call.callId(), call.ani(), flow.flow().name(), flow.version());
        traces.started(trace);
        try {
            new FlowRun(flow, services, call, trace).run();
        } finally {
            if (!trace.finished()) {
                trace.finish("flow stopped");
            }
            traces.finished(trace);
        }
    }

    public FlowTraces traces() {
        return traces;
    }
}
