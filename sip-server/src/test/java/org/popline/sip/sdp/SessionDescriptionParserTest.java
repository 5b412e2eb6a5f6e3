package org.popline.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionDescriptionParserTest {

    private static final String GOOD = "v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 5000 RTP/AVP 0 101\r\n";

    private static String error(String sdp) {
        return assertThrows(SdpException.class, () -> SessionDescriptionParser.parse(sdp)).getMessage();
    }

    @Test
    void parsesTheLinphoneOffer() throws SdpException {
        ParsedSdp p = SessionDescriptionParser.parse(SdpNegotiatorTest.LINPHONE_OFFER);
        assertEquals(new Origin("alice", "2263", "3891", "IN", "IP4", "192.168.1.20"), p.origin());
        assertEquals("Talk", p.sessionName());
        assertEquals(new ConnectionData("IN", "IP4", "192.168.1.20"), p.connection());
        assertNull(p.direction());
        MediaDescription m = p.media().get(0);
        assertEquals("audio", m.media());
        assertEquals(7078, m.port());
        assertEquals("RTP/AVP", m.protocol());
        assertEquals(List.of("96", "97", "98", "0", "8", "18", "101", "99", "100"), m.formats());
        assertEquals(new RtpMap(96, "opus", 48000, 2), m.rtpMaps().get(96));
        assertEquals(new RtpMap(100, "telephone-event", 8000, 1), m.rtpMaps().get(100));
        assertEquals("annexb=yes", m.fmtps().get(18));
        assertEquals(-1, m.ptime());
        assertEquals(Direction.SENDRECV, p.directionFor(m));
        assertEquals(7, m.line());
    }

    @Test
    void toleratesLfTrailingWhitespaceBlankLinesAndUnknownLines() throws SdpException {
        String sdp = "v=0  \no=- 1 2 IN IP4 192.0.2.1\t\ns=-\ni=info\n\nc=IN IP4 224.2.1.1/127\nt=0 0\nr=7d 1h 0 25h\n"
                + "m=audio 5000/2 RTP/AVP 0\nb=AS:64\na=ptime:30\na=X-unknown\na=fmtp:0  foo=bar\na=recvonly\n\n\n";
        ParsedSdp p = SessionDescriptionParser.parse(sdp);
        assertEquals("224.2.1.1", p.connection().address());
        MediaDescription m = p.media().get(0);
        assertEquals(2, m.portCount());
        assertEquals(30, m.ptime());
        assertEquals(Map.of(0, "foo=bar"), m.fmtps());
        assertEquals(Direction.RECVONLY, p.directionFor(m));
    }

    @Test
    void parsesIpv6() throws SdpException {
        ParsedSdp p = SessionDescriptionParser.parse(GOOD.replace("c=IN IP4 192.0.2.1", "c=IN IP6 2001:db8::5"));
        assertTrue(p.connection().isIp6());
        assertEquals("2001:db8::5", p.connection().address());
    }

    @Test
    void strictWhereTheRfcRequires() {
        assertEquals("empty session description", error(""));
        assertEquals("line 1: the first line must be v=0", error(GOOD.substring(5)));
        assertEquals("line 1: unsupported SDP version \"1\"", error(GOOD.replace("v=0", "v=1")));
        assertEquals("missing o= line", error(GOOD.replace("o=- 1 2 IN IP4 192.0.2.1\r\n", "")));
        assertEquals("missing s= line", error(GOOD.replace("s=-\r\n", "")));
        assertEquals("missing t= line", error(GOOD.replace("t=0 0\r\n", "")));
        assertEquals("line 6: no c= line for the audio stream and no session-level c= line",
                error(GOOD.replace("c=IN IP4 192.0.2.1\r\n", "").replace("t=0 0\r\n", "t=0 0\r\ni=x\r\n")));
        assertEquals("line 6: m= line has no port", error(GOOD.replace("m=audio 5000 RTP/AVP 0 101", "m=audio")));
        assertEquals("line 6: m= line has no formats", error(GOOD.replace("m=audio 5000 RTP/AVP 0 101", "m=audio 5000 RTP/AVP")));
        assertEquals("line 6: m= line has a bad port \"70000\"", error(GOOD.replace("5000", "70000")));
        assertEquals("line 6: RTP payload type \"PCMU\" is not 0-127", error(GOOD.replace("0 101", "PCMU")));
        assertEquals("line 4: c= IP4 address \"300.1.1.1\" is not valid", error(GOOD.replace("c=IN IP4 192.0.2.1", "c=IN IP4 300.1.1.1")));
        assertEquals("line 2: o= line needs 6 fields (username sess-id sess-version nettype addrtype address), found 3",
                error(GOOD.replace("o=- 1 2 IN IP4 192.0.2.1", "o=- 1 2")));
        assertTrue(error(GOOD + "a=rtpmap:101 telephone-event\r\n").startsWith("line 7: a=rtpmap encoding"));
        assertTrue(error(GOOD + "this is not sdp\r\n").startsWith("line 7: not a <type>=<value> line"));
        assertEquals("line 7: o= is not allowed inside an m= section", error(GOOD + "o=- 1 2 IN IP4 192.0.2.1\r\n"));
    }

    @Test
    void portZeroAudioNeedsNoConnection() throws SdpException {
        String sdp = GOOD.replace("c=IN IP4 192.0.2.1\r\n", "").replace("5000", "0");
        assertTrue(SessionDescriptionParser.parse(sdp).media().get(0).isRejected());
    }
}
