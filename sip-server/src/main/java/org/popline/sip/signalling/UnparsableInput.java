package org.popline.sip.signalling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP input that could not be parsed or served: counted for the metrics
 * ({@code popline_sip_unparsable_total}) and logged at most once per source address per minute,
 * with what was wrong but never the message itself. Process-wide, like the parser the stack
 * creates by class name.
 */
public final class UnparsableInput {
    private static final Logger log = LoggerFactory.getLogger(UnparsableInput.class);
    private static final CountedPerSource UNPARSABLE = new CountedPerSource();

    private UnparsableInput() {
    }

    /** Every unparsable message since start. */
    public static long count() {
        return UNPARSABLE.count();
    }

    /** Counts one message from {@code source} and says what was done with it, if this source's minute allows. */
    static void record(String source, String problem, String outcome) {
        String from = source == null ? "an unknown address" : source;
        long heldBack = UNPARSABLE.record(from);
        if (heldBack >= 0) {
            log.info("unparsable SIP from {} {}: {}{}", from, outcome, UnparsableRequestAnswer.describe(problem),
                    CountedPerSource.heldBack(heldBack));
        }
    }
}
