package org.popline.sip.agent;

/**
 * Where an agent's phone can be reached now: the contact it registered, the transport to use and
 * the SIP user it registered as.
 */
public record AgentContact(String sipUser, String contactUri, String transport) {
}
