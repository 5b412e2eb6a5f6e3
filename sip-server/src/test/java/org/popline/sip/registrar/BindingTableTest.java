package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.popline.sip.registrar.BindingTable.ContactUpdate;

/** RFC 3261 10.3 steps 6 to 8 and expiry, on the table alone. */
class BindingTableTest {
    private static final String DESK = "sip:agent1@127.0.0.1:5070";
    private static final String MOBILE = "sip:agent1@127.0.0.3:5080;transport=tcp";

    private final MutableClock clock = new MutableClock();
    private final List<BindingTable.Transition> transitions = new ArrayList<>();
    private final BindingTable table = new BindingTable(transitions::add);

    private static RegisterRequest request(String callId, long cseq, boolean wildcard) {
        return new RegisterRequest("agent1", wildcard, List.of(), OptionalInt.empty(), callId, cseq, "udp",
                new InetSocketAddress("127.0.0.1", 5070), "test phone", List.of());
    }

    private BindingTable.Outcome apply(String callId, long cseq, ContactUpdate... contacts) {
        return table.apply("ada", request(callId, cseq, false), List.of(contacts), clock.instant());
    }

    private static ContactUpdate contact(String uri, int expires) {
        return new ContactUpdate(SipText.uri(uri), expires);
    }

    private List<String> contacts() {
        return table.bindings("ada", clock.instant()).stream().map(Binding::contact).toList();
    }

    @Test
    void anAgentGainsLosesAndRefreshesBindingsAndListenersHearOnlyTheEdges() {
        apply("desk", 1, contact(DESK, 3600));
        clock.advance(Duration.ofSeconds(1));
        apply("mobile", 7, contact(MOBILE, 600));
        assertEquals(List.of(MOBILE, DESK), contacts(), "most recent first");

        clock.advance(Duration.ofSeconds(1));
        BindingTable.Applied refreshed = assertInstanceOf(BindingTable.Applied.class, apply("desk", 2, contact(DESK, 1800)));
        assertEquals(List.of(DESK, MOBILE), refreshed.bindings().stream().map(Binding::contact).toList());
        assertEquals(clock.instant().plusSeconds(1800), refreshed.bindings().get(0).expiresAt());

        apply("desk", 3, contact(DESK, 0));
        assertEquals(List.of(MOBILE), contacts());
        apply("mobile", 8, contact(MOBILE, 0));
        assertEquals(List.of(), contacts());
        assertEquals(List.of(new BindingTable.Transition("ada", true), new BindingTable.Transition("ada", false)),
                transitions);
    }

    @Test
    void contactsAreComparedAsUrisNotAsText() {
        apply("desk", 1, contact("sip:agent1@Example.COM:5070;transport=udp", 3600));
        apply("desk", 2, contact("sip:agent1@example.com:5070;TRANSPORT=UDP", 3600));
        assertEquals(1, contacts().size(), "host and parameter names compare without case (RFC 3261 19.1.4)");
    }

    @Test
    void aLowerCseqOfTheSameCallIdChangesNothing() {
        apply("desk", 5, contact(DESK, 3600));
        BindingTable.Outcome o = apply("desk", 5, contact(DESK, 0), contact(MOBILE, 3600));
        assertInstanceOf(BindingTable.OutOfOrder.class, o);
        assertEquals(List.of(DESK), contacts(), "all of the request or nothing");
        assertInstanceOf(BindingTable.Applied.class, apply("other-call-id", 1, contact(DESK, 0)),
                "another Call-ID may (RFC 3261 10.3 step 7)");
    }

    @Test
    void aWildcardRemovesEverythingUnlessOutOfOrder() {
        apply("desk", 5, contact(DESK, 3600));
        apply("mobile", 1, contact(MOBILE, 3600));
        assertInstanceOf(BindingTable.OutOfOrder.class, table.apply("ada", request("desk", 4, true), List.of(),
                clock.instant()));
        assertEquals(2, contacts().size());
        assertInstanceOf(BindingTable.Applied.class, table.apply("ada", request("desk", 6, true), List.of(),
                clock.instant()));
        assertEquals(List.of(), contacts());
    }

    @Test
    void bindingsExpireAndTheLastOneTellsTheListener() {
        apply("desk", 1, contact(DESK, 60));
        apply("mobile", 1, contact(MOBILE, 120));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of(MOBILE), contacts(), "gone at its expiry even before the sweep");
        assertEquals(1, table.expire(clock.instant()).size());
        assertEquals(1, transitions.size(), "still registered");
        clock.advance(Duration.ofSeconds(60));
        List<BindingTable.Change> expired = table.expire(clock.instant());
        assertEquals(BindingTable.Kind.EXPIRED, expired.get(0).kind());
        assertEquals(new BindingTable.Transition("ada", false), transitions.get(transitions.size() - 1));
    }

    @Test
    void anAgentHoldsAtMostTenContacts() {
        for (int i = 0; i < BindingTable.MAX_CONTACTS; i++) {
            assertInstanceOf(BindingTable.Applied.class, apply("c" + i, 1, contact("sip:agent1@127.0.0.1:" + (6000 + i), 60)));
        }
        assertInstanceOf(BindingTable.TooManyContacts.class, apply("c99", 1, contact("sip:agent1@127.0.0.1:7000", 60)));
        assertTrue(contacts().size() == BindingTable.MAX_CONTACTS);
        assertInstanceOf(BindingTable.Applied.class, apply("c0", 2, contact("sip:agent1@127.0.0.1:6000", 60)),
                "a refresh is no new contact");
    }
}
