package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticPromptsTest {

    @Test
    void theReferenceFlowsFixedPromptsAreKnownBeforeTheFirstCall() throws Exception {
        LoadedFlow flow = FlowEngineTest.load(Files.readString(Path.of("../conf/flows/ms-dynamics.yaml")));
        List<String> texts = StaticPrompts.of(flow.flow()).stream().map(StaticPrompts.Prompt::text).toList();
        assertEquals(List.of(
                "Welcome to Popline customer support.",
                "Press 1 to speak to an agent. Press 2 to end this call.",
                "Sorry, I did not hear a choice.",
                "Sorry, that is not one of the choices.",
                "Thank you for calling. Goodbye.",
                "Sorry, no agent can take your call right now. Please call again later."), texts);
    }

    @Test
    void aMenuWithoutItsOwnApologiesUsesTheDefaultsAndKeepsItsVoice() throws Exception {
        LoadedFlow flow = FlowEngineTest.load("""
                name: voices
                start: Menu
                activities:
                  Menu:
                    type: menu
                    settings: {prompt: "Press 1, {{ call.ani }}.", choices: {1: one}, voice: kevin}
                    links: {1: End, default: End}
                  End:
                    type: disconnect
                """);
        assertEquals(List.of(
                new StaticPrompts.Prompt(Optional.of("kevin"), "Sorry, I did not hear your choice."),
                new StaticPrompts.Prompt(Optional.of("kevin"), "Sorry, that is not one of the choices.")),
                List.copyOf(StaticPrompts.of(flow.flow())));
    }
}
