package org.popline.sip.signalling;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's own logging to SLF4J. Without it the RI insists on log4j 1.x, which is
 * end-of-life and not on our class path. The stack's start-up TLS warnings are lowered to
 * debug: we configure no TLS.
 * <p>
 * What a peer sends reaches these lines (the RI logs a datagram it fails on as a byte array of 64 KB,
 * and a warning or two for each peer it cannot reach), so warnings and errors are cut short, byte
 * arrays are replaced by their length, and each kind of line (its text without numbers) is logged at
 * most once a minute with a count of those held back. Stack traces only at debug.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final int MAX_LINE = 200;
    /** How much of a line names its kind: the RI appends whole SIP messages to some of them. */
    private static final int KIND = 40;
    private static final Pattern NUMBERS = Pattern.compile("[0-9a-fA-F]*[0-9][0-9a-fA-F]*");
    private static final LogThrottle PER_KIND = new LogThrottle(TimeUnit.MINUTES.toNanos(1), 1000, System::nanoTime);

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { problem(false, "stack exception", ex); }
    @Override public void logDebug(String message) { log.debug(message); }
    @Override public void logDebug(String message, Exception ex) { log.debug(message, ex); }
    @Override public void logTrace(String message) { log.trace(message); }
    @Override public void logFatalError(String message) { problem(true, message, null); }
    @Override public void logError(String message) { problem(true, message, null); }
    @Override public void logError(String message, Exception ex) { problem(true, message, ex); }

    @Override
    public void logWarning(String message) {
        if (message != null && (message.toLowerCase().contains("tls") || message.contains("keystore") || message.contains("truststore"))) {
            log.debug(message);
        } else {
            problem(false, message, null);
        }
    }

    /** A warning or error, shortened and throttled; with its stack trace only at debug. */
    private static void problem(boolean error, String message, Throwable ex) {
        if (log.isDebugEnabled()) {
            log.debug(message, ex);
            return;
        }
        String text = shortened(message) + (ex == null ? "" : ": " + shortened(ex.toString()));
        String kind = NUMBERS.matcher(text).replaceAll("#");
        long heldBack = PER_KIND.admit(kind.substring(0, Math.min(KIND, kind.length())));
        if (heldBack < 0) {
            return;
        }
        String line = heldBack > 0 ? text + " (" + heldBack + " like it in the last minute, not logged)" : text;
        if (error) {
            log.error(line);
        } else {
            log.warn(line);
        }
    }

    static String shortened(String message) {
        if (message == null) {
            return "";
        }
        String text = withoutByteArrays(message).replaceAll("[^\\x20-\\x7e]+", " ").trim();
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "..." : text;
    }

    /**
     * Each {@code [82, 69, 71, ...]} (a byte array printed whole) replaced by its length. A scan, not a
     * regular expression: a repeated group recurses per repetition, and a 64 KB datagram's array
     * overflowed the stack of the thread that logged it, which the RI never replaces.
     */
    static String withoutByteArrays(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4 * MAX_LINE));
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[') {
                int j = i + 1;
                int commas = 0;
                while (j < text.length() && "-0123456789, ".indexOf(text.charAt(j)) >= 0) {
                    commas += text.charAt(j) == ',' ? 1 : 0;
                    j++;
                }
                boolean closed = j < text.length() && text.charAt(j) == ']';
                if (commas >= 8 && (closed || j == text.length())) {
                    out.append('[').append(commas + 1).append(" bytes]");
                    i = closed ? j + 1 : j;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    @Override public void logInfo(String message) { log.info(message); }
    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return log.getName(); }

    @Override
    public boolean isLoggingEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return switch (logLevel) {
            case TRACE_ERROR, TRACE_FATAL -> log.isErrorEnabled();
            case TRACE_WARN -> log.isWarnEnabled();
            case TRACE_INFO -> log.isInfoEnabled();
            case TRACE_DEBUG -> log.isDebugEnabled();
            default -> log.isTraceEnabled();
        };
    }
}
