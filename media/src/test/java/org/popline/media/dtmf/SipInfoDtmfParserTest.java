package org.popline.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipInfoDtmfParserTest {

    private static Optional<DtmfDigit> digit(char digit, int millis) {
        return Optional.of(new DtmfDigit(digit, millis, DtmfDigit.Source.SIP_INFO));
    }

    private static Optional<DtmfDigit> relay(String body) {
        return SipInfoDtmfParser.parse("application/dtmf-relay", body);
    }

    @Test
    void readsTheCommonRelayBody() {
        assertEquals(digit('5', 160), relay("Signal=5\r\nDuration=160\r\n"));
    }

    @Test
    void readsRelayBodiesAsPhonesAndGatewaysWriteThem() {
        // Cisco gateways put a space after '='.
        assertEquals(digit('1', 160), relay("Signal= 1\r\nDuration= 160\r\n"));
        assertEquals(digit('*', 250), relay("Signal= *\r\nDuration= 250\r\n"));
        // Asterisk's dtmf-relay writes the digit itself, '#' included.
        assertEquals(digit('#', 100), relay("Signal=#\r\nDuration=100\r\n"));
        // LF only, no trailing newline, lower-case keys.
        assertEquals(digit('7', 120), relay("signal=7\nduration=120"));
        // Some phones send the event code for '*' and '#'.
        assertEquals(digit('*', 160), relay("Signal=10\r\nDuration=160\r\n"));
        assertEquals(digit('#', 160), relay("Signal=11\r\nDuration=160\r\n"));
        assertEquals(digit('D', 100), relay("Signal=d\r\nDuration=100\r\n"));
        // Duration is optional and other lines are ignored.
        assertEquals(digit('3', 0), relay("Signal=3\r\n"));
        assertEquals(digit('2', 90), relay("Volume=10\r\nSignal=2\r\nDuration=90\r\n\r\n"));
    }

    @Test
    void readsTheDigitOnlyBody() {
        assertEquals(digit('5', 0), SipInfoDtmfParser.parse("application/dtmf", "5"));
        assertEquals(digit('*', 0), SipInfoDtmfParser.parse("application/dtmf", "*\r\n"));
        // Asterisk's application/dtmf writes the event code.
        assertEquals(digit('#', 0), SipInfoDtmfParser.parse("application/dtmf", "11\r\n"));
        assertEquals(digit('A', 0), SipInfoDtmfParser.parse("application/dtmf", "12"));
    }

    @Test
    void contentTypeIgnoresCaseAndParameters() {
        assertEquals(digit('9', 160),
                SipInfoDtmfParser.parse("Application/DTMF-Relay; charset=UTF-8", "Signal=9\r\nDuration=160"));
        assertTrue(SipInfoDtmfParser.accepts("application/dtmf"));
        assertTrue(SipInfoDtmfParser.accepts(" APPLICATION/DTMF-RELAY ;x=y"));
        assertFalse(SipInfoDtmfParser.accepts("application/sdp"));
        assertFalse(SipInfoDtmfParser.accepts("application/media_control+xml"));
    }

    @Test
    void hookFlashIsNoDigit() {
        assertEquals(Optional.empty(), relay("Signal=!\r\nDuration=100\r\n"));
        assertEquals(Optional.empty(), relay("Signal=16\r\nDuration=100\r\n"));
        assertEquals(Optional.empty(), SipInfoDtmfParser.parse("application/dtmf", "16"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r\n", "Duration=160\r\n", "Signal=\r\nDuration=160", "Signal=X\r\n",
        "Signal=55\r\n", "Signal=17\r\n", "Signal=5\r\nDuration=long\r\n", "Signal=5\r\nDuration=-100\r\n",
        "Signal=5\r\nSignal=6\r\n", "<xml>5</xml>"})
    void garbageRelayBodiesAreRejected(String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> relay(body));
        assertTrue(e.getMessage().startsWith("DTMF INFO body: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertEquals("DTMF INFO body: no Signal line in \"Duration=160\\r\\n\"",
                assertThrows(IllegalArgumentException.class, () -> relay("Duration=160\r\n")).getMessage());
        assertEquals("DTMF INFO body: signal 'X' is not a DTMF digit or event code in \"X\"",
                assertThrows(IllegalArgumentException.class,
                        () -> SipInfoDtmfParser.parse("application/dtmf", "X")).getMessage());
        assertEquals("not a DTMF Content-Type: application/sdp",
                assertThrows(IllegalArgumentException.class,
                        () -> SipInfoDtmfParser.parse("application/sdp", "v=0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SipInfoDtmfParser.parse(null, "5"));
        assertThrows(IllegalArgumentException.class, () -> SipInfoDtmfParser.parse("application/dtmf", null));
        String longBody = "Signal=" + "x".repeat(500);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> relay(longBody)).getMessage().length() < 250);
    }
}
