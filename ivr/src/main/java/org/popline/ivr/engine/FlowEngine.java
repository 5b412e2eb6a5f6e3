package org.popline.ivr.engine;

import java.util.function.Supplier;
import org.popline.ivr.Call;
import org.popline.ivr.CallFlow;

/**
 * Runs the flow in service for each call: the version current when the call starts, to its end,
 * with a trace kept in {@link FlowTraces} and a {@link FlowReport} for the observer at the end.
 */
public final class FlowEngine implements CallFlow {
    private final Supplier<LoadedFlow> current;
    private final FlowServices services;
    private final FlowTraces traces;
    private final FlowObserver observer;

    public FlowEngine(Supplier<LoadedFlow> current, FlowServices services, FlowTraces traces) {
        this(current, services, traces, FlowObserver.NONE);
    }

    public FlowEngine(Supplier<LoadedFlow> current, FlowServices services, FlowTraces traces, FlowObserver observer) {
        this.current = current;
        this.services = services;
        this.traces = traces;
        this.observer = observer;
    }

    @Override
    public void run(Call call) throws InterruptedException {
        LoadedFlow flow = current.get();
        CallTrace trace = new CallTrace(call.callId(), call.ani(), flow.flow().name(), flow.version());
        traces.started(trace);
        FlowRun run = new FlowRun(flow, services, call, trace, observer);
        try {
            run.run();
        } finally {
            if (!trace.finished()) {
                trace.finish("flow stopped");
            }
            traces.finished(trace);
            CallTrace.View view = trace.view();
            observer.finished(new FlowReport(call.callId(), view.flow(), view.flowVersion(),
                    view.steps().stream().map(TraceStep::activity).toList(), run.declaredVariables(), view.ending()));
        }
    }

    public FlowTraces traces() {
        return traces;
    }
}
