package org.popline.sip.agent;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sip.SipProvider;
import org.popline.media.MediaEngine;
import org.popline.sip.call.InboundCall;
import org.popline.sip.sdp.SdpNegotiator;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;

/**
 * What every agent leg needs of the server.
 *
 * @param hangUpCaller ends the caller's call with a reason, when the agent hangs up
 * @param callEnded tells the ACD that an agent's bridged call is over (the agent goes to wrap-up)
 */
record LegServices(SipProvider provider, SipMessages messages, Responder responder, SdpNegotiator sdp,
        MediaEngine media, ScheduledExecutorService timers, BiConsumer<InboundCall, String> hangUpCaller,
        Consumer<String> callEnded) {
}
