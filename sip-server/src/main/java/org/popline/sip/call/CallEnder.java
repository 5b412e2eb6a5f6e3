package org.popline.sip.call;

/** Ends a call from our side, saying who ended it and why (BYE once answered, an error response while ringing). */
@FunctionalInterface
interface CallEnder {
    void hangUp(InboundCall call, EndedBy by, String reason);
}
