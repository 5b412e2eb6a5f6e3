package org.popline.ops.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.Settings;

class FlowDrawingTest {
    private static final Pattern BOX = Pattern.compile(
            "data-activity=\"([^\"]+)\" transform=\"translate\\(([0-9.]+),([0-9.]+)\\)\"><rect width=\"([0-9.]+)\" height=\"([0-9.]+)\"");

    private static Activity activity(String name, String type, Map<String, String> links) {
        return new Activity(name, type, new Settings(Map.of()), links);
    }

    @Test
    void drawsEveryActivityLinkAndHandlerWithoutOverlaps() {
        Map<String, Activity> activities = new LinkedHashMap<>();
        activities.put("lookup", activity("lookup", "find-customer", Map.of("found", "greet", "not-found", "menu", "error", "menu")));
        activities.put("greet", activity("greet", "play-message", Map.of("done", "menu")));
        activities.put("menu", activity("menu", "menu", Map.of("1", "queue", "2", "bye")));
        activities.put("queue", activity("queue", "queue-call", Map.of()));
        activities.put("bye", activity("bye", "disconnect", Map.of()));
        activities.put("pop", activity("pop", "screen-pop", Map.of("done", "end")));
        activities.put("end", activity("end", "end", Map.of()));
        Flow flow = new Flow("lab <flow>", Map.of(), "lookup", activities, Map.of("agent-answered", "pop"));

        String svg = FlowDrawing.svg(flow);

        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"), svg);
        assertTrue(svg.contains("data-flow=\"lab &lt;flow&gt;\""), "names are escaped");
        Matcher boxes = BOX.matcher(svg);
        List<double[]> rects = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (boxes.find()) {
            names.add(boxes.group(1));
            rects.add(new double[] {Double.parseDouble(boxes.group(2)), Double.parseDouble(boxes.group(3)),
                    Double.parseDouble(boxes.group(4)), Double.parseDouble(boxes.group(5))});
        }
        assertEquals(List.of("start", "lookup", "greet", "menu", "queue", "bye", "pop", "end", "on agent-answered"),
                names);
        for (int i = 0; i < rects.size(); i++) {
            for (int j = i + 1; j < rects.size(); j++) {
                double[] a = rects.get(i);
                double[] b = rects.get(j);
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertTrue(apart, names.get(i) + " overlaps " + names.get(j));
            }
        }
        // 7 links between activities, one from start, one from the handler's entry.
        assertEquals(9, svg.split("<g class=\"link\"", -1).length - 1);
        assertTrue(svg.contains("data-from=\"lookup\" data-to=\"greet\""));
        assertTrue(svg.contains("data-from=\"on agent-answered\" data-to=\"pop\""));
        assertTrue(svg.contains(">not-found</text>"), "links carry their outcome");
    }
}
