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
        String csv = CdrCsv.of(List.of(CallDetailRecord.of(call, Optional.empty(), "node-a")));
        String[] lines = csv.split("\r\n", -1);
        assertEquals("callId,ani,startedAt,answeredAt,endedAt,durationSeconds,flow,flowVersion,path,digits,customerId,"
                + "customerName,caseNumber,queue,queueWaitSeconds,agent,agentTalkSeconds,endedBy,reason,node", lines[0]);
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",2026-12-02T11:59:58Z,,2026-12-02T12:00:00Z,2.0,,,,\"1\n2\",,,,,,,,flow,"
                + "flow hung up,node-a", lines[1]);
        assertEquals("", lines[2], "every line ends with CRLF");
    }

    @Test
    void theHeaderNamesEveryFieldOfTheRecordInItsOrder() {
        assertEquals(Arrays.stream(CallDetailRecord.class.getRecordComponents()).map(RecordComponent::getName).toList(),
                List.of(CdrCsv.HEADER.split(",")));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasStayText() {
        Instant end = Instant.parse("2026-12-02T12:00:00Z");
        EndedCall call = new EndedCall("=HYPERLINK(\"http://evil.example\",\"x\")", "+14155550100", end.minusSeconds(2),
                Optional.empty(), end, "-1", Optional.empty(), EndedBy.FLOW, "@SUM(1+1)");
        String[] row = CdrCsv.of(List.of(CallDetailRecord.of(call, Optional.empty()))).split("\r\n")[1].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", row[0], "quoted as usual after the quote mark");
        assertEquals("'+14155550100", row[1]);
        assertEquals("'-1", row[9]);
        assertEquals("'@SUM(1+1)", row[18]);
        assertEquals("2.0", row[5], "other cells unchanged");
        assertEquals("'\tx", CdrCsv.neutralised("\tx"));
        assertEquals("'\rx", CdrCsv.neutralised("\rx"));
        assertEquals("a=b", CdrCsv.neutralised("a=b"), "only the first character counts");
        assertEquals("", CdrCsv.neutralised(""));
    }
}
