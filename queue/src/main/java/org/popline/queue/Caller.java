package org.popline.queue;

import java.util.Optional;

/**
 * A waiting caller as the agent's phone is told about them.
 *
 * @param callId the caller's SIP Call-ID
 * @param ani the caller's number
 * @param name who the CRM says they are; empty when unknown
 * @param screenPopUrl the page to open for the agent; empty when the flow gives none
 */
public record Caller(String callId, String ani, Optional<String> name, Optional<String> screenPopUrl) {
}
