package org.popline.sip.agent;

import java.util.List;

/**
 * Where an agent's phone can be reached now: the contact it registered, the transport to use, the
 * SIP user it registered as, and the proxies its REGISTER came through (its Path), which an INVITE
 * to it carries as Route.
 */
public record AgentContact(String sipUser, String contactUri, String transport, List<String> route) {

    public AgentContact {
        route = List.copyOf(route);
    }
}
