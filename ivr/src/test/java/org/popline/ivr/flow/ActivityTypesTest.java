package org.popline.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTypesTest {
    private final ActivityTypes types = ActivityTypes.standard();

    @Test
    void registersEveryTypeOfTheFlowEngineIssue() {
        assertEquals(List.of("business-hours", "case", "collect-digits", "condition", "disconnect", "end", "find-customer", "http-request",
                "menu", "parse", "play-message", "play-music", "queue-contact", "queue-lookup", "screen-pop", "set-variable"),
                List.copyOf(types.names()));
        for (String name : types.names()) {
            assertEquals(name, types.find(name).orElseThrow().schema().type());
        }
    }

    @Test
    void declaresTheLinksEachTypeCanTake() {
        assertEquals(LinkSpec.none(), schema("disconnect").links());
        assertEquals(List.of("success", "error"), schema("http-request").links().required());
        assertEquals(List.of("timeout"), schema("http-request").links().optional());
        assertEquals(List.of("true", "false"), schema("condition").links().required());
        assertEquals("choices", schema("menu").links().keysFromSetting());
        assertEquals(List.of("default"), schema("menu").links().required());
    }

    @Test
    void declaresSettingKinds() {
        assertEquals(SettingKind.DURATION, schema("http-request").setting("timeout").orElseThrow().kind());
        assertEquals(MapKeys.VARIABLES, schema("http-request").setting("outputs").orElseThrow().keys());
        assertEquals(SettingKind.JSONPATH, schema("http-request").setting("outputs").orElseThrow().valueKind());
        assertEquals(SettingKind.VARIABLE, schema("collect-digits").setting("into").orElseThrow().kind());
        assertTrue(schema("queue-contact").setting("queue").orElseThrow().required());
    }

    @Test
    void refusesTwoTypesOfTheSameName() {
        assertThrows(IllegalArgumentException.class,
                () -> new ActivityTypes(List.of(new DisconnectType(), new DisconnectType())));
    }

    private ActivitySchema schema(String type) {
        return types.find(type).orElseThrow().schema();
    }
}
