package org.popline.ops.cdr;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Call records as CSV for spreadsheets (RFC 4180): a header, CRLF line ends, and fields holding a
 * comma, a quote or a line break quoted with inner quotes doubled. The path is one field, its
 * activities joined by " > ". A cell a spreadsheet would take for a formula ({@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return first: OWASP's CSV injection) starts with a single
 * quote instead, so a caller's name like {@code =HYPERLINK(...)} stays text; a caller's number
 * {@code +14155550100} reads {@code '+14155550100}.
 */
public final class CdrCsv {
    static final String HEADER = "callId,ani,startedAt,answeredAt,endedAt,durationSeconds,flow,flowVersion,path,digits,"
            + "customerId,customerName,caseNumber,queue,queueWaitSeconds,agent,agentTalkSeconds,endedBy,reason,node";

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CdrCsv() {
    }

    static String neutralised(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    public static String of(List<CallDetailRecord> records) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (CallDetailRecord r : records) {
            csv.append(Stream.of(r.callId(), r.ani(), r.startedAt(), r.answeredAt(), r.endedAt(), r.durationSeconds(),
                    r.flow(), r.flowVersion(), String.join(" > ", r.path()), r.digits(), r.customerId(),
                    r.customerName(), r.caseNumber(), r.queue(), r.queueWaitSeconds(), r.agent(),
                    r.agentTalkSeconds(), r.endedBy(), r.reason(), r.node())
                    .map(CdrCsv::field).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static String field(Object value) {
        String text = neutralised(Objects.toString(value, ""));
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
