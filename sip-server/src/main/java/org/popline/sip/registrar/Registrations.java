package org.popline.sip.registrar;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /registrations} shows: every configured agent with their phones' bindings
 * (none when not registered), most recent first, and the addresses locked out for guessing.
 * Holds no secret.
 */
public record Registrations(Map<String, List<Binding>> agents, List<Lockout> lockouts) {
}
