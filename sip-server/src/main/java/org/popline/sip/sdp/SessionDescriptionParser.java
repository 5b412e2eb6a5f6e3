package org.popline.sip.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A hand-written RFC 4566 parser for the parts of SDP that Popline negotiates.
 *
 * <p>Tolerant of CRLF or bare LF line ends, trailing whitespace, blank lines, attribute order and
 * unknown lines/attributes; strict where the RFC requires: {@code v=0} first, one {@code o=},
 * {@code s=}, at least one {@code t=}, a connection address for every audio stream in use
 * (session level or media level), and well-formed {@code m=} lines.
 */
public final class SessionDescriptionParser {

    private static final Pattern WS = Pattern.compile("[ \t]+");

    private SessionDescriptionParser() {
    }

    public static ParsedSdp parse(String sdp) throws SdpException {
        if (sdp == null || sdp.isBlank()) {
            throw new SdpException("empty session description");
        }
        List<String> lines = lines(sdp);

        boolean sawVersion = false;
        Origin origin = null;
        String sessionName = null;
        boolean sawTiming = false;
        ConnectionData sessionConnection = null;
        Direction sessionDirection = null;
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;

        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = stripTrailing(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !isLetter(line.charAt(0))) {
                throw SdpException.atLine(lineNo, "not a <type>=<value> line: \"" + abbreviate(line) + "\"");
            }
            char type = line.charAt(0);
            String value = line.substring(2);

            if (!sawVersion) {
                if (type != 'v') {
                    throw SdpException.atLine(lineNo, "the first line must be v=0");
                }
                if (!value.trim().equals("0")) {
                    throw SdpException.atLine(lineNo, "unsupported SDP version \"" + abbreviate(value) + "\"");
                }
                sawVersion = true;
                continue;
            }

            if (current == null) {
                // session level
                switch (type) {
                    case 'v' -> throw SdpException.atLine(lineNo, "duplicate v= line");
                    case 'o' -> {
                        if (origin != null) {
                            throw SdpException.atLine(lineNo, "duplicate o= line");
                        }
                        origin = parseOrigin(value, lineNo);
                    }
                    case 's' -> {
                        if (sessionName != null) {
                            throw SdpException.atLine(lineNo, "duplicate s= line");
                        }
                        sessionName = value;
                    }
                    case 't' -> {
                        parseTiming(value, lineNo);
                        sawTiming = true;
                    }
                    case 'c' -> {
                        if (sessionConnection != null) {
                            throw SdpException.atLine(lineNo, "duplicate session-level c= line");
                        }
                        sessionConnection = parseConnection(value, lineNo);
                    }
                    case 'a' -> {
                        Direction d = directionOf(value);
                        if (d != null) {
                            sessionDirection = d;
                        }
                    }
                    case 'm' -> current = startMedia(value, lineNo);
                    default -> {
                        // i=, u=, e=, p=, b=, r=, z=, k= and unknown types: not used
                    }
                }
            } else {
                switch (type) {
                    case 'm' -> {
                        media.add(current.build());
                        current = startMedia(value, lineNo);
                    }
                    case 'c' -> {
                        if (current.connection != null) {
                            throw SdpException.atLine(lineNo, "duplicate c= line in m= section");
                        }
                        current.connection = parseConnection(value, lineNo);
                    }
                    case 'a' -> {
                        // Non-audio streams are answered with port 0 (RFC 3264 6) and their attributes
                        // never read, so a flaw in one must not fail the offer: RFC 4475's valid INVITEs
                        // carry "a=rtpmap:31 LPC" (no clock rate) on their video stream.
                        if ("audio".equalsIgnoreCase(current.media)) {
                            parseMediaAttribute(current, value, lineNo);
                        }
                    }
                    case 'v', 'o', 's', 't', 'r', 'z', 'u', 'e', 'p' ->
                            throw SdpException.atLine(lineNo, type + "= is not allowed inside an m= section");
                    default -> {
                        // i=, b=, k= and unknown types: not used
                    }
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }

        if (!sawVersion) {
            throw new SdpException("missing v= line");
        }
        if (origin == null) {
            throw new SdpException("missing o= line");
        }
        if (sessionName == null) {
            throw new SdpException("missing s= line");
        }
        if (!sawTiming) {
            throw new SdpException("missing t= line");
        }
        if (sessionConnection == null) {
            for (MediaDescription m : media) {
                if (m.isAudio() && !m.isRejected() && m.connection() == null) {
                    throw SdpException.atLine(m.line(),
                            "no c= line for the audio stream and no session-level c= line");
                }
            }
        }
        return new ParsedSdp(0, origin, sessionName, sessionConnection, sessionDirection, media);
    }

    // ------------------------------------------------------------------ lines

    private static Origin parseOrigin(String value, int lineNo) throws SdpException {
        String[] f = fields(value);
        if (f.length != 6) {
            throw SdpException.atLine(lineNo, "o= line needs 6 fields "
                    + "(username sess-id sess-version nettype addrtype address), found " + f.length);
        }
        if (!isDigits(f[1]) || !isDigits(f[2])) {
            throw SdpException.atLine(lineNo, "o= session id and version must be numeric");
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    private static void parseTiming(String value, int lineNo) throws SdpException {
        String[] f = fields(value);
        if (f.length != 2 || !isDigits(f[0]) || !isDigits(f[1])) {
            throw SdpException.atLine(lineNo, "t= line must be \"<start> <stop>\"");
        }
    }

    private static ConnectionData parseConnection(String value, int lineNo) throws SdpException {
        String[] f = fields(value);
        if (f.length != 3) {
            throw SdpException.atLine(lineNo, "c= line must be \"<nettype> <addrtype> <address>\"");
        }
        String address = f[2];
        ConnectionData c = new ConnectionData(f[0], f[1], address);
        if (c.isIp4()) {
            int slash = address.indexOf('/');
            if (slash >= 0) {
                address = address.substring(0, slash); // multicast /ttl[/count]
            }
            if (!isIpv4Literal(address) && !isHostName(address)) {
                throw SdpException.atLine(lineNo, "c= IP4 address \"" + abbreviate(f[2]) + "\" is not valid");
            }
            c = new ConnectionData(f[0], f[1], address);
        } else if (c.isIp6()) {
            int slash = address.indexOf('/');
            if (slash >= 0) {
                address = address.substring(0, slash);
            }
            if (address.isEmpty()) {
                throw SdpException.atLine(lineNo, "c= IP6 address is empty");
            }
            c = new ConnectionData(f[0], f[1], address);
        }
        return c;
    }

    private static MediaBuilder startMedia(String value, int lineNo) throws SdpException {
        String[] f = fields(value);
        if (f.length == 0 || f[0].isEmpty()) {
            throw SdpException.atLine(lineNo, "m= line has no media type");
        }
        if (f.length < 2) {
            throw SdpException.atLine(lineNo, "m= line has no port");
        }
        String portText = f[1];
        int portCount = 1;
        int slash = portText.indexOf('/');
        if (slash >= 0) {
            String count = portText.substring(slash + 1);
            if (!isDigits(count) || count.length() > 5) {
                throw SdpException.atLine(lineNo, "m= line has a bad port count \"" + abbreviate(count) + "\"");
            }
            portCount = Integer.parseInt(count);
            portText = portText.substring(0, slash);
        }
        if (!isDigits(portText) || portText.length() > 5 || Integer.parseInt(portText) > 65535) {
            throw SdpException.atLine(lineNo, "m= line has a bad port \"" + abbreviate(f[1]) + "\"");
        }
        if (f.length < 3) {
            throw SdpException.atLine(lineNo, "m= line has no transport protocol");
        }
        if (f.length < 4) {
            throw SdpException.atLine(lineNo, "m= line has no formats");
        }
        MediaBuilder b = new MediaBuilder();
        b.line = lineNo;
        b.media = f[0];
        b.port = Integer.parseInt(portText);
        b.portCount = portCount;
        b.protocol = f[2];
        for (int i = 3; i < f.length; i++) {
            b.formats.add(f[i]);
        }
        if (b.protocol.toUpperCase(Locale.ROOT).startsWith("RTP/")) {
            for (String fmt : b.formats) {
                if (!isDigits(fmt) || fmt.length() > 3 || Integer.parseInt(fmt) > 127) {
                    throw SdpException.atLine(lineNo, "RTP payload type \"" + abbreviate(fmt) + "\" is not 0-127");
                }
            }
        }
        return b;
    }

    private static void parseMediaAttribute(MediaBuilder m, String value, int lineNo) throws SdpException {
        Direction d = directionOf(value);
        if (d != null) {
            m.direction = d;
            return;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return; // other property attributes (rtcp-mux, ...): not used
        }
        String name = value.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String arg = value.substring(colon + 1).trim();
        switch (name) {
            case "rtpmap" -> {
                RtpMap map = parseRtpMap(arg, lineNo);
                m.rtpMaps.putIfAbsent(map.payloadType(), map);
            }
            case "fmtp" -> {
                String[] parts = WS.split(arg, 2);
                if (!isDigits(parts[0]) || parts[0].length() > 3) {
                    throw SdpException.atLine(lineNo, "a=fmtp has no payload type");
                }
                m.fmtps.putIfAbsent(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1].trim() : "");
            }
            case "ptime" -> {
                // tolerate a fractional value such as "20.0"
                String p = arg;
                int dot = p.indexOf('.');
                if (dot >= 0) {
                    p = p.substring(0, dot);
                }
                if (!isDigits(p) || p.length() > 5) {
                    throw SdpException.atLine(lineNo, "a=ptime value \"" + abbreviate(arg) + "\" is not a number");
                }
                m.ptime = Integer.parseInt(p);
            }
            default -> {
                // other value attributes: not used
            }
        }
    }

    private static RtpMap parseRtpMap(String arg, int lineNo) throws SdpException {
        String[] parts = WS.split(arg, 2);
        if (parts.length != 2 || !isDigits(parts[0]) || parts[0].length() > 3
                || Integer.parseInt(parts[0]) > 127) {
            throw SdpException.atLine(lineNo, "a=rtpmap must be \"<payload type> <encoding>/<clock rate>\"");
        }
        String[] enc = parts[1].trim().split("/", -1);
        if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty() || !isDigits(enc[1]) || enc[1].length() > 9) {
            throw SdpException.atLine(lineNo, "a=rtpmap encoding \"" + abbreviate(parts[1]) + "\" is not <name>/<rate>[/<channels>]");
        }
        int channels = 1;
        if (enc.length == 3) {
            if (!isDigits(enc[2]) || enc[2].length() > 3) {
                throw SdpException.atLine(lineNo, "a=rtpmap channel count \"" + abbreviate(enc[2]) + "\" is not a number");
            }
            channels = Integer.parseInt(enc[2]);
        }
        return new RtpMap(Integer.parseInt(parts[0]), enc[0], Integer.parseInt(enc[1]), channels);
    }

    private static Direction directionOf(String attribute) {
        String a = attribute.trim();
        if (a.indexOf(':') >= 0) {
            return null;
        }
        return Direction.fromAttribute(a).orElse(null);
    }

    // ---------------------------------------------------------------- helpers

    private static final class MediaBuilder {
        int line;
        String media;
        int port;
        int portCount;
        String protocol;
        final List<String> formats = new ArrayList<>();
        final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        final Map<Integer, String> fmtps = new LinkedHashMap<>();
        int ptime = -1;
        Direction direction;
        ConnectionData connection;

        MediaDescription build() {
            return new MediaDescription(media, port, portCount, protocol, formats, rtpMaps, fmtps,
                    ptime, direction, connection, line);
        }
    }

    private static String[] fields(String value) {
        String v = value.trim();
        return v.isEmpty() ? new String[0] : WS.split(v);
    }

    /**
     * The lines of a body broken by CRLF, LF or CR (RFC 4566 asks for CRLF, and LF alone is met), read
     * without a regular expression: every INVITE's offer passes here (a regex split was 8 % of the CPU
     * samples at 1000 calls/s).
     */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv4Literal(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String o : octets) {
            if (!isDigits(o) || o.length() > 3 || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253 || isDigitsAndDots(s)) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isDigitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > 60) {
            b.append("...");
        }
        return b.toString();
    }
}
