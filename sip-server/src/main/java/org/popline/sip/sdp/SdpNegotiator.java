package org.popline.sip.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.popline.media.codec.Codec;

/**
 * RFC 3264 offer/answer for Popline's one audio stream: G.711 (PCMU/PCMA, 8 kHz mono) plus
 * RFC 4733 telephone-event/8000.
 *
 * <p>{@link MediaParams#direction()} is always OUR direction: the one written in our answer, or
 * for {@link #acceptAnswer} the reverse of the peer's answered direction.
 *
 * <p>Codecs are only accepted at their static payload types (0 and 8): MediaParams carries a
 * {@link Codec}, which is sent with its static payload type, so a PCMU mapped to a dynamic payload
 * type in an offer is skipped rather than answered with a number we would not send.
 */
public final class SdpNegotiator {

    static final String CRLF = "\r\n";
    /** Payload type for telephone-event in our own offers. */
    public static final int OFFER_TELEPHONE_EVENT_PT = 101;
    static final int PTIME_MS = 20;

    private final String localAddress;
    private final String sessionName;

    /**
     * @param localAddress IPv4 address written in o= and c= (e.g. "127.0.0.1")
     * @param sessionName  the s= value (e.g. "Popline")
     */
    public SdpNegotiator(String localAddress, String sessionName) {
        if (localAddress == null || !SessionDescriptionParser.isIpv4Literal(localAddress)) {
            throw new IllegalArgumentException("localAddress must be an IPv4 literal: " + localAddress);
        }
        if (sessionName == null || sessionName.isBlank() || sessionName.contains("\r") || sessionName.contains("\n")) {
            throw new IllegalArgumentException("sessionName must be a non-empty single line");
        }
        this.localAddress = localAddress;
        this.sessionName = sessionName;
    }

    /**
     * Answers an offer (from an INVITE, or a re-INVITE).
     *
     * @return {@link Negotiation.Answered} with the answer SDP, or {@link Negotiation.NoCommonCodec}
     *         (respond 488) when there is no RTP/AVP audio stream with PCMU or PCMA
     * @throws SdpException if the offer is malformed or the chosen stream has no IPv4 address
     */
    public Negotiation answer(String offerSdp, int localRtpPort) throws SdpException {
        checkPort(localRtpPort);
        ParsedSdp offer = SessionDescriptionParser.parse(offerSdp);

        MediaDescription chosen = null;
        Codec codec = null;
        String firstReason = null;
        for (MediaDescription m : offer.media()) {
            if (!m.isAudio() || m.isRejected()) {
                continue;
            }
            if (!m.isRtpAvp()) {
                if (firstReason == null) {
                    firstReason = "audio transport " + m.protocol() + " is not supported (only RTP/AVP)";
                }
                continue;
            }
            Codec c = firstSupportedCodec(m);
            if (c == null) {
                if (firstReason == null) {
                    firstReason = "no common codec: offer has " + describeFormats(m) + "; we support PCMU, PCMA";
                }
                continue;
            }
            chosen = m;
            codec = c;
            break;
        }
        if (chosen == null) {
            return new Negotiation.NoCommonCodec(firstReason != null ? firstReason : "offer has no audio stream");
        }

        InetSocketAddress remote = remoteAddress(offer, chosen);
        int te = telephoneEventPayloadType(chosen);
        Direction ours = offer.directionFor(chosen).answerTo();

        StringBuilder sdp = sessionHeader();
        for (MediaDescription m : offer.media()) {
            if (m == chosen) {
                appendAudio(sdp, localRtpPort, List.of(codec), te, ours);
            } else {
                // RFC 3264 §6: same number of m= lines in the same order; reject with port 0
                sdp.append("m=").append(m.media()).append(" 0 ").append(m.protocol());
                for (String f : m.formats()) {
                    sdp.append(' ').append(f);
                }
                sdp.append(CRLF);
            }
        }
        return new Negotiation.Answered(sdp.toString(), new MediaParams(remote, codec, te, ours));
    }

    /** An offer for the late-offer case (INVITE without SDP; the answer comes in the ACK). */
    public String offer(int localRtpPort) {
        checkPort(localRtpPort);
        StringBuilder sdp = sessionHeader();
        appendAudio(sdp, localRtpPort, List.of(Codec.PCMU, Codec.PCMA), OFFER_TELEPHONE_EVENT_PT, Direction.SENDRECV);
        return sdp.toString();
    }

    /**
     * Accepts the peer's answer to {@link #offer(int)}: the first codec it lists that we offered.
     *
     * @throws SdpException if the answer is malformed, rejects the audio stream, lists no codec we
     *                      offered, or has no IPv4 address
     */
    public MediaParams acceptAnswer(String answerSdp) throws SdpException {
        ParsedSdp answer = SessionDescriptionParser.parse(answerSdp);
        MediaDescription audio = null;
        for (MediaDescription m : answer.media()) {
            if (m.isAudio()) {
                audio = m;
                break;
            }
        }
        if (audio == null) {
            throw new SdpException("answer has no audio stream");
        }
        if (audio.isRejected()) {
            throw SdpException.atLine(audio.line(), "answer rejected the audio stream (port 0)");
        }
        if (!audio.isRtpAvp()) {
            throw SdpException.atLine(audio.line(), "answer uses transport " + audio.protocol() + ", we offered RTP/AVP");
        }
        Codec codec = firstSupportedCodec(audio);
        if (codec == null) {
            throw SdpException.atLine(audio.line(), "answer lists no codec we offered (PCMU, PCMA): "
                    + describeFormats(audio));
        }
        InetSocketAddress remote = remoteAddress(answer, audio);
        int te = telephoneEventPayloadType(audio);
        // The answer's direction is the peer's; ours is the reverse.
        Direction ours = answer.directionFor(audio).answerTo();
        return new MediaParams(remote, codec, te, ours);
    }

    // ------------------------------------------------------------------ helpers

    private StringBuilder sessionHeader() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long sessionId = rnd.nextLong(1, Long.MAX_VALUE);
        long version = rnd.nextLong(1, Long.MAX_VALUE);
        StringBuilder sdp = new StringBuilder(256);
        sdp.append("v=0").append(CRLF);
        sdp.append("o=popline ").append(sessionId).append(' ').append(version)
                .append(" IN IP4 ").append(localAddress).append(CRLF);
        sdp.append("s=").append(sessionName).append(CRLF);
        sdp.append("c=IN IP4 ").append(localAddress).append(CRLF);
        sdp.append("t=0 0").append(CRLF);
        return sdp;
    }

    private static void appendAudio(StringBuilder sdp, int port, List<Codec> codecs, int te, Direction direction) {
        sdp.append("m=audio ").append(port).append(" RTP/AVP");
        for (Codec c : codecs) {
            sdp.append(' ').append(c.payloadType());
        }
        if (te >= 0) {
            sdp.append(' ').append(te);
        }
        sdp.append(CRLF);
        for (Codec c : codecs) {
            sdp.append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.encodingName())
                    .append("/8000").append(CRLF);
        }
        if (te >= 0) {
            sdp.append("a=rtpmap:").append(te).append(" telephone-event/8000").append(CRLF);
            sdp.append("a=fmtp:").append(te).append(" 0-16").append(CRLF);
        }
        sdp.append("a=ptime:").append(PTIME_MS).append(CRLF);
        sdp.append("a=").append(direction.attribute()).append(CRLF);
    }

    /** First PCMU/PCMA in the stream's format order, at its static payload type. */
    static Codec firstSupportedCodec(MediaDescription m) {
        for (String f : m.formats()) {
            int pt = Integer.parseInt(f);
            for (Codec c : Codec.values()) {
                if (c.payloadType() != pt) {
                    continue;
                }
                RtpMap map = m.rtpMaps().get(pt);
                if (map == null || map.is(c.encodingName(), 8000)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The payload type of telephone-event/8000 in the stream's format list, or -1. */
    static int telephoneEventPayloadType(MediaDescription m) {
        for (String f : m.formats()) {
            int pt = Integer.parseInt(f);
            RtpMap map = m.rtpMaps().get(pt);
            if (map != null && map.is("telephone-event", 8000)) {
                return pt;
            }
        }
        return -1;
    }

    private static InetSocketAddress remoteAddress(ParsedSdp sdp, MediaDescription m) throws SdpException {
        ConnectionData c = sdp.connectionFor(m);
        if (c == null) {
            throw SdpException.atLine(m.line(), "no connection address for the audio stream");
        }
        if (!c.isIp4()) {
            throw SdpException.atLine(m.line(), "audio connection address is " + c.networkType() + " "
                    + c.addressType() + "; only IN IP4 is supported");
        }
        try {
            InetAddress address;
            if (SessionDescriptionParser.isIpv4Literal(c.address())) {
                String[] o = c.address().split("\\.");
                address = InetAddress.getByAddress(new byte[] {
                        (byte) Integer.parseInt(o[0]), (byte) Integer.parseInt(o[1]),
                        (byte) Integer.parseInt(o[2]), (byte) Integer.parseInt(o[3])});
            } else {
                address = InetAddress.getByName(c.address());
            }
            return new InetSocketAddress(address, m.port());
        } catch (UnknownHostException e) {
            throw SdpException.atLine(m.line(), "cannot resolve connection address " + c.address());
        }
    }

    private static String describeFormats(MediaDescription m) {
        List<String> names = new ArrayList<>();
        for (String f : m.formats()) {
            RtpMap map = m.rtpMaps().get(Integer.parseInt(f));
            names.add(map != null ? map.encodingName().toUpperCase(Locale.ROOT) + "/" + map.clockRate() : f);
        }
        return String.join(" ", names);
    }

    private static void checkPort(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("local RTP port out of range: " + port);
        }
    }
}
