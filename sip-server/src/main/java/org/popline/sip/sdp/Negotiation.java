package org.popline.sip.sdp;

/** The outcome of answering an offer. */
public sealed interface Negotiation permits Negotiation.Answered, Negotiation.NoCommonCodec {

    /** The offer was acceptable: send {@code answerSdp} (application/sdp) and start media with {@code params}. */
    record Answered(String answerSdp, MediaParams params) implements Negotiation {
    }

    /** No usable audio stream / codec in the offer: the caller responds 488 Not Acceptable Here. */
    record NoCommonCodec(String reason) implements Negotiation {
    }
}
