package org.popline.sip.registrar;

/**
 * Told when an agent becomes reachable or unreachable by phone. Calls come one at a time, in the
 * order the changes happened, on the registrar's own thread, never on a SIP thread; a listener may
 * call back into the {@link Registrar}.
 */
public interface RegistrationListener {

    /** The agent had no registered phone and now has one. */
    void registered(String agentId);

    /** The agent's last registered phone unregistered or its registration expired. */
    void unregistered(String agentId);
}
