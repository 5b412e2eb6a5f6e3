package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Slf4jStackLoggerTest {
    @Test
    void aWholeDatagramPrintedAsBytesBecomesItsLength() {
        byte[] datagram = ("INVITE sip:ivr@127.0.0.1 SIP/2.0\r\n" + "X".repeat(65_000)).getBytes(StandardCharsets.US_ASCII);
        String line = Slf4jStackLogger.shortened("Error while processing incoming UDP packet" + Arrays.toString(datagram));
        assertEquals("Error while processing incoming UDP packet[" + datagram.length + " bytes]", line);
    }

    @Test
    void anArrayCutShortIsReplacedTooAndOtherBracketsStay() {
        assertEquals("packet[bytes]".replace("bytes", "9 bytes") + " at [1, 2]",
                Slf4jStackLogger.shortened("packet[1, 2, 3, 4, 5, 6, 7, 8, 9] at [1, 2]"));
        assertEquals("cut [10 bytes]", Slf4jStackLogger.shortened("cut [1, 2, 3, 4, 5, 6, 7, 8, 9, -10"));
    }

    @Test
    void longLinesAreCutAndControlCharactersGo() {
        String line = Slf4jStackLogger.shortened("bad\r\nline " + "y".repeat(5000));
        assertTrue(line.length() < 300, line);
        assertTrue(line.startsWith("bad line yyy"), line);
    }
}
