package org.popline.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;

class SdpNegotiatorTest {

    private static final Pattern ORIGIN = Pattern.compile("o=popline [1-9][0-9]* [1-9][0-9]* IN IP4 127\\.0\\.0\\.1");

    private final SdpNegotiator negotiator = new SdpNegotiator("127.0.0.1", "Popline");

    private static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** Splits an answer into lines, checking that every line ends with CRLF. */
    private static List<String> lines(String sdp) {
        assertTrue(sdp.endsWith("\r\n"), "SDP must end with CRLF");
        assertFalse(sdp.replace("\r\n", "").contains("\n"), "bare LF in SDP");
        assertFalse(sdp.replace("\r\n", "").contains("\r"), "bare CR in SDP");
        return List.of(sdp.substring(0, sdp.length() - 2).split("\r\n", -1));
    }

    private static void assertSessionHeader(List<String> l) {
        assertEquals("v=0", l.get(0));
        assertTrue(ORIGIN.matcher(l.get(1)).matches(), l.get(1));
        assertEquals("s=Popline", l.get(2));
        assertEquals("c=IN IP4 127.0.0.1", l.get(3));
        assertEquals("t=0 0", l.get(4));
    }

    private static Negotiation.Answered answered(Negotiation n) {
        return assertInstanceOf(Negotiation.Answered.class, n);
    }

    // ---------------------------------------------------------------- offers

    static final String SIPP_OFFER = crlf(
            "v=0",
            "o=user1 53655765 2353687637 IN IP4 127.0.1.1",
            "s=-",
            "c=IN IP4 127.0.1.1",
            "t=0 0",
            "m=audio 6000 RTP/AVP 0 96",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:96 telephone-event/8000",
            "a=fmtp:96 0-15");

    static final String LINPHONE_OFFER = crlf(
            "v=0",
            "o=alice 2263 3891 IN IP4 192.168.1.20",
            "s=Talk",
            "c=IN IP4 192.168.1.20",
            "t=0 0",
            "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics",
            "m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 useinbandfec=1",
            "a=rtpmap:97 speex/16000",
            "a=fmtp:97 vbr=on",
            "a=rtpmap:98 speex/8000",
            "a=fmtp:98 vbr=on",
            "a=fmtp:18 annexb=yes",
            "a=rtpmap:101 telephone-event/48000",
            "a=rtpmap:99 telephone-event/16000",
            "a=rtpmap:100 telephone-event/8000",
            "a=rtcp-fb:* trr-int 1000",
            "a=rtcp-fb:* ccm tmmbr");

    /** baresip style, sent with bare LF line ends, trailing blanks and lower-case encoding names. */
    static final String BARESIP_OFFER = String.join("\n",
            "v=0",
            "o=- 1391398913 1391398914 IN IP4 10.0.0.5  ",
            "s=-",
            "t=0 0",
            "m=audio 10826 RTP/AVP 96 0 8 101",
            "c=IN IP4 10.0.0.5",
            "b=AS:96",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 stereo=1;sprop-stereo=1",
            "a=rtpmap:0 pcmu/8000 ",
            "a=rtpmap:8 pcma/8000",
            "a=rtpmap:101 Telephone-Event/8000",
            "a=fmtp:101 0-15",
            "a=sendrecv",
            "a=label:1",
            "a=rtcp-rsize",
            "a=ssrc:1580112364 cname:sip:alice@example.com",
            "a=ptime:20",
            "");

    @Test
    void sippOfferGetsPcmuAndTelephoneEvent96() throws SdpException {
        var a = answered(negotiator.answer(SIPP_OFFER, 40000));
        List<String> l = lines(a.answerSdp());
        assertSessionHeader(l);
        assertEquals(List.of(
                "m=audio 40000 RTP/AVP 0 96",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:96 telephone-event/8000",
                "a=fmtp:96 0-16",
                "a=ptime:20",
                "a=sendrecv"), l.subList(5, l.size()));
        assertEquals(new MediaParams(new InetSocketAddress("127.0.1.1", 6000), Codec.PCMU, 96, Direction.SENDRECV),
                a.params());
    }

    @Test
    void linphoneOfferGetsPcmuAndTheTelephoneEvent8000PayloadType() throws SdpException {
        var a = answered(negotiator.answer(LINPHONE_OFFER, 40002));
        List<String> l = lines(a.answerSdp());
        assertSessionHeader(l);
        assertEquals(List.of(
                "m=audio 40002 RTP/AVP 0 100",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:100 telephone-event/8000",
                "a=fmtp:100 0-16",
                "a=ptime:20",
                "a=sendrecv"), l.subList(5, l.size()));
        assertEquals(Codec.PCMU, a.params().codec());
        assertEquals(100, a.params().telephoneEventPayloadType());
        assertEquals(new InetSocketAddress("192.168.1.20", 7078), a.params().remote());
    }

    @Test
    void baresipOfferWithLfLineEndsAndLowerCaseNames() throws SdpException {
        var a = answered(negotiator.answer(BARESIP_OFFER, 40004));
        List<String> l = lines(a.answerSdp());
        assertSessionHeader(l);
        assertEquals(List.of(
                "m=audio 40004 RTP/AVP 0 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"), l.subList(5, l.size()));
        assertEquals(new MediaParams(new InetSocketAddress("10.0.0.5", 10826), Codec.PCMU, 101, Direction.SENDRECV),
                a.params());
    }

    @Test
    void pcmaFirstOfferGetsPcma() throws SdpException {
        String offer = crlf(
                "v=0",
                "o=bob 1 1 IN IP4 192.0.2.7",
                "s=call",
                "c=IN IP4 192.0.2.7",
                "t=0 0",
                "m=audio 5004 RTP/AVP 8 0 101",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16");
        var a = answered(negotiator.answer(offer, 40006));
        List<String> l = lines(a.answerSdp());
        assertSessionHeader(l);
        assertEquals(List.of(
                "m=audio 40006 RTP/AVP 8 101",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"), l.subList(5, l.size()));
        assertEquals(Codec.PCMA, a.params().codec());
    }

    @Test
    void staticPayloadTypesCountWithoutRtpmapAndNoTelephoneEvent() throws SdpException {
        String offer = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.8", "s= ", "c=IN IP4 192.0.2.8", "t=0 0",
                "m=audio 5006 RTP/AVP 18 8");
        var a = answered(negotiator.answer(offer, 40008));
        List<String> l = lines(a.answerSdp());
        assertEquals(List.of("m=audio 40008 RTP/AVP 8", "a=rtpmap:8 PCMA/8000", "a=ptime:20", "a=sendrecv"),
                l.subList(5, l.size()));
        assertEquals(-1, a.params().telephoneEventPayloadType());
    }

    @Test
    void onlyG729IsNoCommonCodec() throws SdpException {
        String offer = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=audio 5008 RTP/AVP 18 101", "a=rtpmap:18 G729/8000", "a=rtpmap:101 telephone-event/8000");
        var n = assertInstanceOf(Negotiation.NoCommonCodec.class, negotiator.answer(offer, 40010));
        assertTrue(n.reason().contains("G729"), n.reason());
    }

    @Test
    void rtpmapThatRedefinesAStaticPayloadTypeIsHonoured() throws SdpException {
        String offer = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.9", "s=-", "c=IN IP4 192.0.2.9", "t=0 0",
                "m=audio 5008 RTP/AVP 0 8", "a=rtpmap:0 L16/16000", "a=rtpmap:8 PCMA/8000");
        assertEquals(Codec.PCMA, answered(negotiator.answer(offer, 40010)).params().codec());
    }

    @Test
    void audioAndVideoOfferAnswersVideoWithPortZeroInTheSameOrder() throws SdpException {
        String offer = crlf(
                "v=0",
                "o=carol 28908764872 28908764872 IN IP4 100.3.6.6",
                "s=-",
                "t=0 0",
                "c=IN IP4 192.0.2.4",
                "m=video 3227 RTP/AVP 31 34",
                "a=rtpmap:31 H261/90000",
                "a=rtpmap:34 H263/90000",
                "m=audio 49217 RTP/AVP 0 12",
                "a=rtpmap:0 PCMU/8000",
                "m=application 9 TCP/BFCP *");
        var a = answered(negotiator.answer(offer, 40012));
        List<String> l = lines(a.answerSdp());
        assertSessionHeader(l);
        assertEquals(List.of(
                "m=video 0 RTP/AVP 31 34",
                "m=audio 40012 RTP/AVP 0",
                "a=rtpmap:0 PCMU/8000",
                "a=ptime:20",
                "a=sendrecv",
                "m=application 0 TCP/BFCP *"), l.subList(5, l.size()));
        assertEquals(new InetSocketAddress("192.0.2.4", 49217), a.params().remote());
    }

    @Test
    void sendonlyOfferIsAnsweredRecvonly() throws SdpException {
        String offer = SIPP_OFFER + "a=sendonly\r\n";
        var a = answered(negotiator.answer(offer, 40014));
        List<String> l = lines(a.answerSdp());
        assertEquals("a=recvonly", l.get(l.size() - 1));
        assertEquals(Direction.RECVONLY, a.params().direction());
    }

    @Test
    void directionMapping() throws SdpException {
        String[][] cases = {{"sendrecv", "sendrecv"}, {"recvonly", "sendonly"}, {"inactive", "inactive"}};
        for (String[] c : cases) {
            List<String> l = lines(answered(negotiator.answer(SIPP_OFFER + "a=" + c[0] + "\r\n", 40016)).answerSdp());
            assertEquals("a=" + c[1], l.get(l.size() - 1), c[0]);
        }
    }

    @Test
    void sessionLevelDirectionAppliesAndMediaLevelWins() throws SdpException {
        String base = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=sendonly\r\n"
                + "m=audio 5000 RTP/AVP 0\r\n";
        assertEquals(Direction.RECVONLY, answered(negotiator.answer(base, 40018)).params().direction());
        assertEquals(Direction.INACTIVE,
                answered(negotiator.answer(base + "a=inactive\r\n", 40018)).params().direction());
    }

    @Test
    void holdWithZeroAddressIsAccepted() throws SdpException {
        String offer = SIPP_OFFER.replace("c=IN IP4 127.0.1.1", "c=IN IP4 0.0.0.0");
        assertEquals(new InetSocketAddress("0.0.0.0", 6000),
                answered(negotiator.answer(offer, 40020)).params().remote());
    }

    @Test
    void savpOnlyIsNoCommonCodecButAvpAlternativeIsChosen() throws SdpException {
        String savp = SIPP_OFFER.replace("RTP/AVP", "RTP/SAVP")
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n";
        var n = assertInstanceOf(Negotiation.NoCommonCodec.class, negotiator.answer(savp, 40022));
        assertTrue(n.reason().contains("RTP/SAVP"), n.reason());

        String both = savp + "m=audio 6002 RTP/AVP 8\r\n";
        var a = answered(negotiator.answer(both, 40022));
        List<String> l = lines(a.answerSdp());
        assertEquals(List.of("m=audio 0 RTP/SAVP 0 96", "m=audio 40022 RTP/AVP 8", "a=rtpmap:8 PCMA/8000",
                "a=ptime:20", "a=sendrecv"), l.subList(5, l.size()));
        assertEquals(new InetSocketAddress("127.0.1.1", 6002), a.params().remote());
    }

    @Test
    void audioPortZeroIsARejectedStream() throws SdpException {
        String offer = SIPP_OFFER.replace("m=audio 6000", "m=audio 0");
        assertInstanceOf(Negotiation.NoCommonCodec.class, negotiator.answer(offer, 40024));
    }

    @Test
    void noAudioAtAllIsNoCommonCodec() throws SdpException {
        String offer = crlf("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=video 5000 RTP/AVP 31");
        var n = assertInstanceOf(Negotiation.NoCommonCodec.class, negotiator.answer(offer, 40026));
        assertEquals("offer has no audio stream", n.reason());
    }

    @Test
    void ipv6OnlyOfferIsRejected() {
        String offer = crlf("v=0", "o=- 1 1 IN IP6 2001:db8::1", "s=-", "c=IN IP6 2001:db8::1", "t=0 0",
                "m=audio 5000 RTP/AVP 0");
        SdpException e = assertThrows(SdpException.class, () -> negotiator.answer(offer, 40028));
        assertTrue(e.getMessage().contains("IP4"), e.getMessage());
    }

    @Test
    void mediaLevelIpv4OverridesSessionIpv6() throws SdpException {
        String offer = crlf("v=0", "o=- 1 1 IN IP6 2001:db8::1", "s=-", "c=IN IP6 2001:db8::1", "t=0 0",
                "m=audio 5000 RTP/AVP 0", "c=IN IP4 192.0.2.50");
        assertEquals(new InetSocketAddress("192.0.2.50", 5000),
                answered(negotiator.answer(offer, 40028)).params().remote());
    }

    @Test
    void missingConnectionIsAnSdpException() {
        String offer = SIPP_OFFER.replace("c=IN IP4 127.0.1.1\r\n", "");
        SdpException e = assertThrows(SdpException.class, () -> negotiator.answer(offer, 40030));
        assertEquals("line 5: no c= line for the audio stream and no session-level c= line", e.getMessage());
    }

    @Test
    void garbageIsAnSdpException() {
        assertThrows(SdpException.class, () -> negotiator.answer("hello world\r\n", 40032));
        assertThrows(SdpException.class, () -> negotiator.answer("", 40032));
        assertThrows(SdpException.class, () -> negotiator.answer("<html><body>nope</body></html>", 40032));
        assertThrows(SdpException.class, () -> negotiator.answer("\u0000\u0001\u0002", 40032));
    }

    // ------------------------------------------------------------- late offer

    @Test
    void lateOfferRoundTrip() throws SdpException {
        List<String> l = lines(negotiator.offer(40034));
        assertSessionHeader(l);
        assertEquals(List.of(
                "m=audio 40034 RTP/AVP 0 8 101",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv"), l.subList(5, l.size()));
        // our own offer parses
        assertEquals(1, SessionDescriptionParser.parse(negotiator.offer(40034)).media().size());

        String answer = crlf(
                "v=0",
                "o=- 3856720930 3856720931 IN IP4 198.51.100.7",
                "s=-",
                "c=IN IP4 198.51.100.7",
                "t=0 0",
                "m=audio 17000 RTP/AVP 8 101",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-15",
                "a=ptime:20",
                "a=sendrecv");
        assertEquals(new MediaParams(new InetSocketAddress("198.51.100.7", 17000), Codec.PCMA, 101, Direction.SENDRECV),
                negotiator.acceptAnswer(answer));

        // a peer that answers recvonly: we only send
        assertEquals(Direction.SENDONLY, negotiator.acceptAnswer(answer.replace("a=sendrecv", "a=recvonly")).direction());
    }

    @Test
    void acceptAnswerWithoutAnOfferedCodecIsAnSdpException() {
        String answer = crlf("v=0", "o=- 1 1 IN IP4 198.51.100.7", "s=-", "c=IN IP4 198.51.100.7", "t=0 0",
                "m=audio 17000 RTP/AVP 18", "a=rtpmap:18 G729/8000");
        assertThrows(SdpException.class, () -> negotiator.acceptAnswer(answer));
        assertThrows(SdpException.class, () -> negotiator.acceptAnswer(answer.replace("17000", "0")));
    }

    @Test
    void answerIdsAreFreshPositive63BitNumbers() throws SdpException {
        String o1 = lines(negotiator.offer(40036)).get(1);
        String o2 = lines(negotiator.offer(40036)).get(1);
        assertTrue(ORIGIN.matcher(o1).matches());
        assertFalse(o1.equals(o2));
    }
}
