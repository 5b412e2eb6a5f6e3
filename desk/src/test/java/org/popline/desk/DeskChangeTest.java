package org.popline.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.popline.ivr.ScreenPop;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentState;
import org.popline.queue.Caller;

/** Desk changes as nodes pass them to each other: each kind comes back equal, and what is not one is refused. */
class DeskChangeTest {

    @Test
    void everyKindComesBackEqual() {
        List<DeskChange> changes = List.of(
                new DeskChange.Moved(new AgentEvent("agent1", AgentState.AVAILABLE, AgentState.NOT_READY,
                        Optional.of("lunch"), Optional.empty(), Instant.parse("2026-12-01T10:00:00.123Z"))),
                new DeskChange.Moved(new AgentEvent("agent1", AgentState.RESERVED, AgentState.ON_CALL,
                        Optional.empty(), Optional.of("c1@host"), Instant.parse("2026-12-01T10:00:01Z"))),
                new DeskChange.Offered("agent1", new Caller("c1@host", "+14155550100", Optional.of("Zoë \"Z\" Brown"),
                        Optional.empty()), "support", Optional.of("CAS-1")),
                new DeskChange.Offered("agent1", new Caller("c2", "", Optional.empty(), Optional.of("https://x/y?a=1&b=2")),
                        "support", Optional.empty()),
                new DeskChange.Popped(new PendingPop("id-1", "agent1", "c1@host",
                        new ScreenPop("https://crm.example/main.aspx?id=1&x=\n", "inside-desktop", "Case"))),
                new DeskChange.Popped(new PendingPop("id-2", "agent1", "c1", new ScreenPop("https://crm", null, null))));
        for (DeskChange change : changes) {
            assertEquals(change, DeskChange.fromJson(change.toJson()));
        }
    }

    @Test
    void whatIsNotAChangeIsRefused() {
        for (String bad : List.of("", "{", "[]", "{\"kind\":\"moved\",\"agent\":\"a\"}", "{\"kind\":\"other\"}",
                "{\"kind\":\"moved\",\"agent\":\"a\",\"from\":\"NOPE\",\"to\":\"AVAILABLE\",\"at\":\"2026-12-01T10:00:00Z\"}")) {
            assertThrows(IllegalArgumentException.class, () -> DeskChange.fromJson(bad), bad);
        }
    }
}
