package org.popline.sip.signalling;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sip.message.Request;

/**
 * The RI's message parser plus the request checks of RFC 3261 that it leaves out. Without them the
 * stack processes such requests wrongly or drops them without a word (RFC 4475 badvers, multi01,
 * mcl01, insuf); with them it answers:
 * <ul>
 * <li>a SIP-Version other than 2.0, which the RI's parser reads as 2.0: the version on the wire is
 * put back, and the stack's own version check answers 505 (RFC 3261 21.5.20);
 * <li>a single-value header given twice (RFC 3261 7.3.1), which the RI silently reduces to one,
 * and a request without Call-ID, From or To (RFC 3261 8.1.1), which it drops: both get a 400.
 * </ul>
 * Every request that cannot be parsed is answered here with a well-formed 400
 * ({@link UnparsableRequestAnswer}) instead of the RI's automatic one, which is malformed.
 * Configured with the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class StrictMessageParser implements MessageParser {
    private static final String VERSION = "SIP/2.0";
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");
    /** Header names, long and compact, of the single-value headers a request must not repeat. */
    private static final Map<String, String> SINGLE_VALUED = Map.ofEntries(
            Map.entry("call-id", "Call-ID"), Map.entry("i", "Call-ID"),
            Map.entry("cseq", "CSeq"),
            Map.entry("from", "From"), Map.entry("f", "From"),
            Map.entry("to", "To"), Map.entry("t", "To"),
            Map.entry("max-forwards", "Max-Forwards"),
            Map.entry("content-length", "Content-Length"), Map.entry("l", "Content-Length"),
            Map.entry("content-type", "Content-Type"), Map.entry("c", "Content-Type"));

    /** What the stack instantiates by name; the parser keeps no state, so one serves every channel. */
    public static final class Factory implements MessageParserFactory {
        private static final StrictMessageParser PARSER = new StrictMessageParser();

        @Override
        public MessageParser createMessageParser(SIPTransactionStack stack) {
            return PARSER;
        }
    }

    private final MessageParser ri = new StringMsgParser();

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener) {
        try {
            return checked(ri.parseSIPMessage(bytes, readBody, strict, listener), bytes, listener);
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            // The RI's parser also fails with unchecked exceptions on some input; the stack would then log
            // the whole datagram as a byte array, at ERROR, for every such datagram. An error thrown from
            // here kills the stack's message thread for good (it is never replaced), so a stack overflow
            // on a deeply nested input is caught too.
            String problem = e instanceof ParseException ? e.getMessage() : e.toString();
            String start = new String(bytes, 0, Math.min(bytes.length, 8), StandardCharsets.ISO_8859_1).stripLeading();
            if (start.startsWith("SIP/") || start.startsWith(Request.ACK)) {
                // Responses and ACKs are never answered (RFC 3261 17.2.1, 18.1.2).
                UnparsableInput.record(peer(listener), problem, "dropped");
                return null;
            }
            answer(bytes, problem, listener);
            return null;
        }
    }

    private static String peer(ParseExceptionListener listener) {
        return listener instanceof MessageChannel channel ? peer(channel) : null;
    }

    /** The peer's address; a stream channel may know it only by its socket's address while parsing. */
    private static String peer(MessageChannel channel) {
        if (channel.getPeerAddress() != null) {
            return channel.getPeerAddress();
        }
        InetAddress source = channel.getPeerPacketSourceAddress();
        return source == null ? null : source.getHostAddress();
    }

    private static SIPMessage checked(SIPMessage message, byte[] bytes, ParseExceptionListener listener)
            throws ParseException {
        if (!(message instanceof SIPRequest request)) {
            return message;
        }
        Via top = request.getTopmostVia();
        if (top != null && listener instanceof MessageChannel channel
                && !channel.getTransport().equalsIgnoreCase(top.getTransport())) {
            // The stack sends the response by the Via's transport, and fails (NullPointerException) on one
            // it does not listen on; a request must name the transport it came on (RFC 3261 18.1.1).
            throw new ParseException("Via transport " + top.getTransport() + " is not " + channel.getTransport()
                    + ", which the request came on", 0);
        }
        List<String> head = headerLines(bytes);
        String[] startLine = BLANKS.split(head.get(0).trim());
        String version = startLine[startLine.length - 1];
        if (!version.equalsIgnoreCase(VERSION)) {
            request.getRequestLine().setSipVersion(version);
            return request;
        }
        Set<String> seen = new HashSet<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? null : SINGLE_VALUED.get(line.substring(0, colon).trim().toLowerCase(Locale.ROOT));
            if (name != null && !seen.add(name)) {
                throw new ParseException("Duplicate " + name + " header", 0);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Call-ID", "From", "To")) {
            if (!seen.contains(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new ParseException("Missing " + String.join(", ", missing), 0);
        }
        return request;
    }

    /**
     * The header section's lines, first the start line; folded continuation lines are left out. Read
     * from the bytes up to the blank line, so that neither the body nor a regular expression is paid
     * for on every message.
     */
    private static List<String> headerLines(byte[] bytes) {
        int at = 0;
        while (at < bytes.length && Character.isWhitespace((char) (bytes[at] & 0xff))) {
            at++;
        }
        List<String> lines = new ArrayList<>();
        while (at < bytes.length) {
            int newline = at;
            while (newline < bytes.length && bytes[newline] != '\n') {
                newline++;
            }
            int end = newline > at && bytes[newline - 1] == '\r' ? newline - 1 : newline;
            if (end == at) {
                break;
            }
            if (bytes[at] != ' ' && bytes[at] != '\t') {
                lines.add(new String(bytes, at, end - at, StandardCharsets.ISO_8859_1));
            }
            at = newline + 1;
        }
        return lines;
    }

    /**
     * Sends our 400 through the channel the request came in on. Over UDP it goes to the request's
     * source address and the top Via's port (RFC 3261 18.2.2); the channel does not know the
     * source port yet while the datagram is being parsed.
     */
    private static void answer(byte[] request, String problem, ParseExceptionListener listener) {
        if (!(listener instanceof MessageChannel channel)) {
            UnparsableInput.record(null, problem, "dropped");
            return;
        }
        Optional<String> text = UnparsableRequestAnswer.build(request, problem);
        if (text.isEmpty()) {
            UnparsableInput.record(peer(channel), problem, "dropped (no Via to answer to)");
            return;
        }
        try {
            SIPMessage response = new StringMsgParser().parseSIPMessage(
                    text.get().getBytes(StandardCharsets.ISO_8859_1), true, false, null);
            UnparsableInput.record(peer(channel), problem, "answered 400");
            if (channel.isReliable()) {
                channel.sendMessage(response);
            } else {
                Via via = response.getTopmostVia();
                int port = via.getPort() > 0 ? via.getPort() : 5060;
                channel.sendMessage(response, InetAddress.getByName(channel.getPeerAddress()), port);
            }
        } catch (ParseException | IOException | RuntimeException e) {
            UnparsableInput.record(peer(channel), problem, "not answered (" + e.getClass().getSimpleName() + ")");
        }
    }
}
