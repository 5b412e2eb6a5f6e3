package org.popline.sip.signalling;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's own logging to SLF4J. Without it the RI insists on log4j 1.x, which is
 * end-of-life and not on our class path. The stack's start-up TLS warnings are lowered to
 * debug: we configure no TLS.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("gov.nist.javax.sip");

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { log.warn("stack exception", ex); }
    @Override public void logDebug(String message) { log.debug(message); }
    @Override public void logDebug(String message, Exception ex) { log.debug(message, ex); }
    @Override public void logTrace(String message) { log.trace(message); }
    @Override public void logFatalError(String message) { log.error(message); }
    @Override public void logError(String message) { log.error(message); }
    @Override public void logError(String message, Exception ex) { log.error(message, ex); }

    @Override
    public void logWarning(String message) {
        if (message != null && (message.toLowerCase().contains("tls") || message.contains("keystore") || message.contains("truststore"))) {
            log.debug(message);
        } else {
            log.warn(message);
        }
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
