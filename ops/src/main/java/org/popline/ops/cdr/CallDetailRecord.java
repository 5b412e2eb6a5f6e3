package org.popline.ops.cdr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.popline.ivr.engine.FlowReport;
import org.popline.sip.call.EndedCall;

/**
 * One line of the CDR file: what happened on one call, from INVITE to hang-up. Times are UTC;
 * durations are seconds with millisecond precision; fields that do not apply are null.
 *
 * @param answeredAt when Popline answered (200 OK)
 * @param flow the flow the call ran, null for the plain greeting
 * @param path the flow's activities in the order they ran
 * @param customerId the flow variable {@code CustomerID} at the end, if the flow has it and set it
 * @param customerName the flow variable {@code ContactName}
 * @param caseNumber the flow variable {@code CaseNumber}
 * @param queueWaitSeconds from joining the (last) queue to an agent answering or the caller leaving
 * @param agentTalkSeconds from the agent answering to the end of the call
 * @param endedBy caller, agent, flow, timeout, shutdown or error
 * @param reason what ended the call, in words
 * @param node the Popline node that held the call ({@code node.name}); null when not given
 */
public record CallDetailRecord(
        String callId,
        String ani,
        Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        double durationSeconds,
        String flow,
        String flowVersion,
        List<String> path,
        String digits,
        String customerId,
        String customerName,
        String caseNumber,
        String queue,
        Double queueWaitSeconds,
        String agent,
        Double agentTalkSeconds,
        String endedBy,
        String reason,
        String node) {

    static final String CUSTOMER_ID = "CustomerID";
    static final String CUSTOMER_NAME = "ContactName";
    static final String CASE_NUMBER = "CaseNumber";

    public CallDetailRecord {
        path = path == null ? List.of() : List.copyOf(path);
    }

    static CallDetailRecord of(EndedCall call, Optional<FlowReport> flow) {
        return of(call, flow, null);
    }

    /** Joins what signalling saw with what the flow reported (none for calls that ran no flow). */
    static CallDetailRecord of(EndedCall call, Optional<FlowReport> flow, String node) {
        Map<String, String> variables = flow.map(FlowReport::variables).orElse(Map.of());
        Optional<EndedCall.QueueStay> stay = call.queue();
        Instant waitEnd = stay.flatMap(EndedCall.QueueStay::leftAt).orElse(call.endedAt());
        Optional<Instant> agentFrom = stay.filter(s -> s.agent().isPresent()).flatMap(EndedCall.QueueStay::leftAt);
        return new CallDetailRecord(call.callId(), call.ani(), call.startedAt(), call.answeredAt().orElse(null),
                call.endedAt(), seconds(call.startedAt(), call.endedAt()),
                flow.map(FlowReport::flow).orElse(null), flow.map(FlowReport::flowVersion).orElse(null),
                flow.map(FlowReport::path).orElse(List.of()), call.digits(),
                nonEmpty(variables.get(CUSTOMER_ID)), nonEmpty(variables.get(CUSTOMER_NAME)),
                nonEmpty(variables.get(CASE_NUMBER)),
                stay.map(EndedCall.QueueStay::queue).orElse(null),
                stay.map(s -> seconds(s.queuedAt(), waitEnd)).orElse(null),
                stay.flatMap(EndedCall.QueueStay::agent).orElse(null),
                agentFrom.map(from -> seconds(from, call.endedAt())).orElse(null),
                call.endedBy().label(), call.reason(), node);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }

    /** A flow's defaults are often "" for "not found": the record says null instead. */
    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
