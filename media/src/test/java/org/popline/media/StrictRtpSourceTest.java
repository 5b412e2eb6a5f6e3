package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.popline.media.StrictRtpSource.Verdict;

class StrictRtpSourceTest {
    private static final InetSocketAddress SDP = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress NAT = new InetSocketAddress("127.0.0.3", 51234);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.4", 40000);

    @Test
    void sequenceNumbersWrapDuringProbation() {
        StrictRtpSource sources = new StrictRtpSource(4);
        sources.expect(SDP);
        assertEquals(Verdict.PROBATION, sources.accept(NAT, 65534));
        assertEquals(Verdict.PROBATION, sources.accept(NAT, 65535));
        assertEquals(Verdict.PROBATION, sources.accept(NAT, 0));
        assertEquals(Verdict.LEARNT, sources.accept(NAT, 1));
        assertEquals(NAT, sources.learnt());
        assertEquals(Verdict.FOREIGN, sources.accept(SDP, 2), "once learnt, even the SDP's address is foreign");
    }

    @Test
    void anotherSourceInterleavingRestartsProbation() {
        StrictRtpSource sources = new StrictRtpSource(2);
        sources.expect(SDP);
        assertEquals(Verdict.PROBATION, sources.accept(NAT, 10));
        assertEquals(Verdict.PROBATION, sources.accept(OTHER, 11));
        assertEquals(Verdict.PROBATION, sources.accept(NAT, 11));
        assertEquals(Verdict.LEARNT, sources.accept(NAT, 12));
    }

    @Test
    void theSameSdpAgainChangesNothingAndANewOneForgets() {
        StrictRtpSource sources = new StrictRtpSource(1);
        assertNull(sources.peerHost());
        assertTrue(sources.expect(SDP));
        assertEquals(SDP.getAddress(), sources.peerHost());
        assertEquals(Verdict.LEARNT, sources.accept(NAT, 1));
        assertEquals(NAT.getAddress(), sources.peerHost());
        assertFalse(sources.expect(SDP));
        assertEquals(NAT, sources.learnt());
        assertTrue(sources.expect(OTHER));
        assertNull(sources.learnt());
        assertEquals(Verdict.LEARNT, sources.accept(OTHER, 7));
        assertEquals(Verdict.FOREIGN, sources.accept(NAT, 8));
    }

    @Test
    void aNewSdpNamingTheLearntSourceKeepsIt() {
        StrictRtpSource sources = new StrictRtpSource(1);
        sources.expect(SDP);
        sources.accept(NAT, 1);
        assertTrue(sources.expect(NAT));
        assertEquals(NAT, sources.learnt());
        assertEquals(Verdict.ACCEPT, sources.accept(NAT, 2));
    }
}
