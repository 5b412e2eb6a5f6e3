package org.popline.ops.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.popline.sip.call.EndedBy;
import org.popline.sip.call.EndedCall;

class CdrCsvTest {

    @Test
    void headerThenOneLinePerRecordWithCommasQuotesAndLineBreaksQuoted() {
        Instant end = Instant.parse("2026-12-02T12:00:00Z");
        EndedCall call = new EndedCall("a,b", "say \"hi\"", end.minusSeconds(2), Optional.empty(), end, "1\n2",
                Optional.empty(), EndedBy.FLOW, "flow hung up");
        String csv = CdrCsv.of(List.of(CallDetailRecord.of(call, Optional.empty())));
        String[] lines = csv.split("\r\n", -1);
        assertEquals("callId,ani,startedAt,answeredAt,endedAt,durationSeconds,flow,flowVersion,path,digits,customerId,"
                + "customerName,caseNumber,queue,queueWaitSeconds,agent,agentTalkSeconds,endedBy,reason", lines[0]);
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",2026-12-02T11:59:58Z,,2026-12-02T12:00:00Z,2.0,,,,\"1\n2\",,,,,,,,flow,"
                + "flow hung up", lines[1]);
        assertEquals("", lines[2], "every line ends with CRLF");
    }

    @Test
    void theHeaderNamesEveryFieldOfTheRecordInItsOrder() {
        assertEquals(Arrays.stream(CallDetailRecord.class.getRecordComponents()).map(RecordComponent::getName).toList(),
                List.of(CdrCsv.HEADER.split(",")));
    }
}
