package org.popline.sip.call;

/** Where an inbound call stands in its INVITE dialog. */
public enum CallState {
    /** 180 sent, no final response yet: CANCEL still applies. */
    RINGING,
    /** 200 OK sent, waiting for the ACK. */
    ANSWERED,
    /** ACK received: media flows and the flow runs. */
    CONFIRMED,
    ENDED
}
