package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CallLogTest {
    @Test
    void aHostileCallIdIsCutShortAndPrintable() {
        CallLog.enter("fuz\u0000\r\nFAKE LINE\u00ff" + "=".repeat(5000), "+1\n2");
        try {
            String tag = MDC.get("call");
            assertEquals("call=fuz?FAKE?LINE?" + "=".repeat(80 - "fuz?FAKE?LINE?".length()) + "... ani=+1?2 ", tag);
        } finally {
            CallLog.leave();
        }
    }

    @Test
    void anOrdinaryCallIdIsKeptAsItIs() {
        CallLog.enter("1-7443@127.0.0.1", "+4930123");
        try {
            assertEquals("call=1-7443@127.0.0.1 ani=+4930123 ", MDC.get("call"));
        } finally {
            CallLog.leave();
        }
    }
}
