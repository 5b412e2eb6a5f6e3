package org.popline.sip.signalling;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 400 for a request that could not be parsed, written from the request's raw header lines
 * (RFC 3261 8.2.6: Via, From, To, Call-ID and CSeq copied, a To tag added; of each Via only what the
 * client matches on, since the rest may be what made the request unparsable). The RI's own automatic
 * 400 puts the parser's message, line breaks and all, into the reason phrase and ends its header
 * section before Content-Length, which leaves the peer a broken response.
 */
final class UnparsableRequestAnswer {
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z0-9!%*_+`'~.-]+)[ \\t]*:(.*)$");
    /** What a client matches our answer on (RFC 3261 17.1.3): protocol, sent-by and branch of each Via. */
    private static final Pattern VIA = Pattern.compile(
            "(?i)SIP\\s*/\\s*2\\.0\\s*/\\s*([A-Z]+)\\s+([A-Za-z0-9.:\\[\\]-]+)(?:[^,]*?;\\s*branch\\s*=\\s*([^;,\\s]+))?");
    private static final Pattern CSEQ = Pattern.compile("(\\d+)\\s+([A-Za-z]+)");
    private static final int MAX_REASON = 80;

    private UnparsableRequestAnswer() {
    }

    /** The response text, or empty when there is no Via to answer to (then the request is dropped). */
    static Optional<String> build(byte[] request, String problem) {
        StringBuilder via = new StringBuilder();
        String from = null;
        String to = null;
        String callId = null;
        String cseq = null;
        for (String line : unfoldedHeaderLines(request)) {
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).trim();
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "via", "v" -> {
                    Matcher v = VIA.matcher(value);
                    while (v.find()) {
                        via.append("Via: SIP/2.0/").append(v.group(1).toUpperCase(Locale.ROOT)).append(' ')
                                .append(v.group(2)).append(v.group(3) == null ? "" : ";branch=" + v.group(3))
                                .append("\r\n");
                    }
                }
                case "from", "f" -> from = from == null ? value : from;
                case "to", "t" -> to = to == null ? value : to;
                case "call-id", "i" -> callId = callId == null ? value : callId;
                case "cseq" -> cseq = cseq == null ? usableCSeq(value) : cseq;
                default -> {
                }
            }
        }
        if (via.length() == 0) {
            return Optional.empty();
        }
        StringBuilder r = new StringBuilder("SIP/2.0 400 ").append(reasonPhrase(problem)).append("\r\n").append(via);
        if (from != null) {
            r.append("From: ").append(from).append("\r\n");
        }
        if (to != null) {
            r.append("To: ").append(to).append(to.toLowerCase(Locale.ROOT).contains("tag") ? "" : ";tag=badreq")
                    .append("\r\n");
        }
        if (callId != null) {
            r.append("Call-ID: ").append(callId).append("\r\n");
        }
        if (cseq != null) {
            r.append("CSeq: ").append(cseq).append("\r\n");
        }
        return Optional.of(r.append("Content-Length: 0\r\n\r\n").toString());
    }

    /**
     * The CSeq as given when it is valid; with sequence 0 when only its number is out of range
     * (RFC 3261 8.1.1.5 caps it below 2^31), so that the response still carries one.
     */
    private static String usableCSeq(String value) {
        Matcher m = CSEQ.matcher(value);
        if (!m.matches()) {
            return null;
        }
        boolean inRange = m.group(1).length() <= 10 && Long.parseLong(m.group(1)) < (1L << 31);
        return (inRange ? m.group(1) : "0") + " " + m.group(2);
    }

    /** A reason phrase that is one line of printable ASCII, whatever the parser said. */
    static String reasonPhrase(String problem) {
        String clean = describe(problem);
        return clean.isEmpty() ? "Bad Request" : "Bad Request (" + clean + ")";
    }

    /** What the parser said, as one short line of printable ASCII (it may quote the peer's bytes). */
    static String describe(String problem) {
        String clean = problem == null ? "" : problem.replaceAll("\\[C@[0-9a-f]+", "")
                .replaceAll("[^\\x20-\\x7e]+", " ").replaceAll(" +", " ").trim();
        return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON).trim() : clean;
    }

    private static java.util.List<String> unfoldedHeaderLines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).stripLeading();
        java.util.List<String> lines = new java.util.ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 1; i < raw.length && !raw[i].isEmpty(); i++) {
            String line = raw[i];
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !lines.isEmpty()) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + " " + line.trim());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
