package org.popline.sip.signalling;

import gov.nist.javax.sip.parser.NioPipelineParser;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.lang.reflect.Field;

/**
 * Where JAIN-SIP's stream parser of a TCP connection stands: between messages or in the middle
 * of one. The parser keeps that to itself, and a framing of our own could disagree with it (it
 * reads Content-Length its own way), so its fields are read; a jain-sip-ri without them fails
 * when the first TCP connection arrives, and the TCP read-timeout test catches it.
 */
final class ParserPosition {
    private static final Field PARSER = field(NioTcpMessageChannel.class, "nioParser");
    /** The header lines received so far; a new buffer for each message. */
    private static final Field HEADERS = field(NioPipelineParser.class, "message");
    private static final Field IN_BODY = field(NioPipelineParser.class, "readingMessageBodyContents");
    private static final Field PARTIAL_LINE = field(NioPipelineParser.class, "partialLine");

    private ParserPosition() {
    }

    /**
     * The parser's buffer of the message begun and not yet finished on this connection (the same
     * object for as long as that message lasts), or null between messages. Call it on the thread
     * that feeds the parser.
     */
    static Object messageInProgress(NioTcpMessageChannel channel) {
        try {
            NioPipelineParser parser = (NioPipelineParser) PARSER.get(channel);
            CharSequence headers = (CharSequence) HEADERS.get(parser);
            boolean begun = headers.length() > 0 || IN_BODY.getBoolean(parser)
                    || !((String) PARTIAL_LINE.get(parser)).isEmpty();
            return begun ? headers : null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("jain-sip-ri's parser fields cannot be read", e);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getName() + " has no field " + name
                    + ": the TCP read timeout was written against jain-sip-ri 1.3.0-91", e);
        }
    }
}
