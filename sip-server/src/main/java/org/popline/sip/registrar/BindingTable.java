package org.popline.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sip.address.URI;

/**
 * The location service: each agent's bindings, changed as RFC 3261 10.3 steps 6 to 8 say (all of
 * a REGISTER's changes or none), and ended when they expire. Whenever an agent goes from no
 * binding to some or back, a {@link Transition} is handed to the sink while the table is still
 * locked, so that transitions arrive in the order they happened.
 */
final class BindingTable {
    /** Each phone may register this many contacts at most; a bound on what one agent can make us hold. */
    static final int MAX_CONTACTS = 10;

    enum Kind {
        ADDED, REFRESHED, REMOVED, EXPIRED
    }

    /** One binding that changed, for the log. */
    record Change(Kind kind, String agentId, Binding binding) {
    }

    /** An agent became reachable ({@code registered}) or unreachable. */
    record Transition(String agentId, boolean registered) {
    }

    /** What became of a REGISTER's changes. */
    sealed interface Outcome {
    }

    /** Done; {@code bindings} are the agent's bindings now, most recent first. */
    record Applied(List<Binding> bindings, List<Change> changes) implements Outcome {
    }

    /** Nothing done: a binding was last changed by this Call-ID with a CSeq as high or higher. */
    record OutOfOrder(Binding binding) implements Outcome {
    }

    /** Nothing done: the agent would have more than {@link #MAX_CONTACTS} bindings. */
    record TooManyContacts() implements Outcome {
    }

    /** A requested change: {@code expires} 0 removes the binding. */
    record ContactUpdate(URI uri, int expires) {
    }

    /** The contact's parsed URI is kept to compare contacts as RFC 3261 19.1.4 says, not as text. */
    private record Entry(URI uri, Binding binding) {
    }

    private static final Comparator<Binding> MOST_RECENT_FIRST =
            Comparator.comparing(Binding::registeredAt).reversed();

    private final Map<String, List<Entry>> byAgent = new HashMap<>();
    private final Consumer<Transition> transitions;

    BindingTable(Consumer<Transition> transitions) {
        this.transitions = transitions;
    }

    /**
     * Applies a registration, or with {@code Contact: *} removes every binding.
     *
     * @param contacts the request's contacts with the expiry granted to each
     */
    synchronized Outcome apply(String agentId, RegisterRequest request, List<ContactUpdate> contacts, Instant now) {
        List<Entry> stored = byAgent.getOrDefault(agentId, List.of());
        List<Entry> next = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (Entry e : stored) {
            if (e.binding().expiresAt().isAfter(now)) {
                next.add(e);
            } else {
                changes.add(new Change(Kind.EXPIRED, agentId, e.binding()));
            }
        }
        if (request.wildcard()) {
            for (Entry e : next) {
                if (outOfOrder(e, request)) {
                    return new OutOfOrder(e.binding());
                }
                changes.add(new Change(Kind.REMOVED, agentId, e.binding()));
            }
            next.clear();
        }
        List<URI> touched = new ArrayList<>();
        for (ContactUpdate c : contacts) {
            int i = indexOf(next, c.uri());
            Entry existing = i < 0 ? null : next.get(i);
            // The same contact twice in one request: the later one wins, as it would in two requests.
            if (existing != null && !contains(touched, existing.uri()) && outOfOrder(existing, request)) {
                return new OutOfOrder(existing.binding());
            }
            touched.add(c.uri());
            if (c.expires() == 0) {
                if (existing != null) {
                    next.remove(i);
                    changes.add(new Change(Kind.REMOVED, agentId, existing.binding()));
                }
                continue;
            }
            Binding b = new Binding(c.uri().toString(), request.transport(), request.source(), now,
                    now.plus(Duration.ofSeconds(c.expires())), request.userAgent(), request.callId(), request.cseq(),
                    request.path());
            if (existing != null) {
                next.set(i, new Entry(c.uri(), b));
                changes.add(new Change(Kind.REFRESHED, agentId, b));
            } else {
                next.add(new Entry(c.uri(), b));
                changes.add(new Change(Kind.ADDED, agentId, b));
            }
        }
        if (next.size() > MAX_CONTACTS) {
            return new TooManyContacts();
        }
        commit(agentId, stored, next);
        return new Applied(sorted(next), changes);
    }

    /** The agent's bindings that have not expired, most recent first. */
    synchronized List<Binding> bindings(String agentId, Instant now) {
        List<Binding> out = new ArrayList<>();
        for (Entry e : byAgent.getOrDefault(agentId, List.of())) {
            if (e.binding().expiresAt().isAfter(now)) {
                out.add(e.binding());
            }
        }
        out.sort(MOST_RECENT_FIRST);
        return out;
    }

    /** Ends the bindings whose time is up. */
    synchronized List<Change> expire(Instant now) {
        List<Change> changes = new ArrayList<>();
        for (Iterator<Map.Entry<String, List<Entry>>> agents = byAgent.entrySet().iterator(); agents.hasNext(); ) {
            Map.Entry<String, List<Entry>> agent = agents.next();
            for (Iterator<Entry> i = agent.getValue().iterator(); i.hasNext(); ) {
                Binding b = i.next().binding();
                if (!b.expiresAt().isAfter(now)) {
                    i.remove();
                    changes.add(new Change(Kind.EXPIRED, agent.getKey(), b));
                }
            }
            if (agent.getValue().isEmpty()) {
                agents.remove();
                transitions.accept(new Transition(agent.getKey(), false));
            }
        }
        return changes;
    }

    private void commit(String agentId, List<Entry> stored, List<Entry> next) {
        if (next.isEmpty()) {
            byAgent.remove(agentId);
        } else {
            byAgent.put(agentId, next);
        }
        if (stored.isEmpty() != next.isEmpty()) {
            transitions.accept(new Transition(agentId, !next.isEmpty()));
        }
    }

    /** RFC 3261 10.3 step 7: the same Call-ID must come with a higher CSeq. */
    private static boolean outOfOrder(Entry e, RegisterRequest request) {
        return e.binding().callId().equals(request.callId()) && request.cseq() <= e.binding().cseq();
    }

    private static boolean contains(List<URI> uris, URI uri) {
        for (URI u : uris) {
            if (u.equals(uri)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(List<Entry> entries, URI uri) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).uri().equals(uri)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Binding> sorted(List<Entry> entries) {
        List<Binding> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.binding());
        }
        out.sort(MOST_RECENT_FIRST);
        return out;
    }
}
