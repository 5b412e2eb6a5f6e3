package org.popline.desk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.popline.sip.registrar.Lockout;
import org.popline.sip.registrar.Lockouts;
import org.popline.sip.registrar.SourceLockout;

/**
 * Slows password guessing on the agents' page as the registrar does for phones (the passwords are the same):
 * too many failed logins lock out the source address and, separately, the agent id typed, each time twice as
 * long. An id that exists and one that does not are counted, locked and answered alike.
 */
public final class LoginThrottle {

    /** The registrar's rule: {@code failures} within {@code window} lock out for {@code first}, doubling up to {@code max}. */
    public record Rule(int failures, Duration window, Duration first, Duration max) {
    }

    private final Lockouts<String> addresses;
    private final Lockouts<String> agentIds;

    /** Counted in this process. */
    public LoginThrottle(Rule rule, Set<String> knownIds, Clock clock) {
        this(byAddress(rule, clock), byAgentId(rule, knownIds, clock));
    }

    /** Counted where the given lockouts count: in this process, or shared by a cluster's nodes. */
    public LoginThrottle(Lockouts<String> addresses, Lockouts<String> agentIds) {
        this.addresses = addresses;
        this.agentIds = agentIds;
    }

    public static Lockouts<String> byAddress(Rule rule, Clock clock) {
        return lockout(rule, clock, address -> address);
    }

    /**
     * @param knownIds the agents' ids: only these are named in the log, since what else is typed as an id may be
     *                 a password typed into the wrong field
     */
    public static Lockouts<String> byAgentId(Rule rule, Set<String> knownIds, Clock clock) {
        Set<String> known = Set.copyOf(knownIds);
        return lockout(rule, clock, id -> known.contains(id) ? "agent page logins as " + id
                : "agent page logins as an unknown id");
    }

    private static SourceLockout<String> lockout(Rule rule, Clock clock, Function<String, String> describe) {
        return new SourceLockout<>(rule.failures(), rule.window(), rule.first(), rule.max(), clock, describe);
    }

    /** True while the address or the id is locked out: the login is then refused unchecked. */
    public boolean refuses(String address, String agentId) {
        // Both are asked, so that each counts the refusal.
        boolean byAddress = addresses.refuses(address);
        boolean byId = agentIds.refuses(agentId);
        return byAddress || byId;
    }

    public void failed(String address, String agentId) {
        addresses.failed(address);
        agentIds.failed(agentId);
    }

    public void succeeded(String address, String agentId) {
        addresses.succeeded(address);
        agentIds.succeeded(agentId);
    }

    /** Addresses and ids locked out now, for the admin API. */
    public List<Lockout> lockouts() {
        List<Lockout> all = new ArrayList<>(addresses.lockouts());
        all.addAll(agentIds.lockouts());
        return all;
    }

    void forgetQuiet() {
        addresses.forgetQuietSources();
        agentIds.forgetQuietSources();
    }
}
