package org.popline.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.popline.ivr.template.Templates;

/** The loader with the real template and JSONPath engines rather than the test stand-in. */
class FlowExpressionsTest {
    private final FlowExpressions checker = new FlowExpressions(new Templates());
    private final FlowLoader loader = new FlowLoader(ActivityTypes.standard(), checker);

    @Test
    void theExampleFlowPassesTheRealChecks() throws Exception {
        Flow flow = loader.load(Path.of(getClass().getResource("/flows/dynamics.yaml").toURI()));
        assertTrue(flow.activities().size() > 5, "activities: " + flow.activities().size());
    }

    @Test
    void realEnginesReportBadTemplatesAndPaths() {
        assertTrue(checker.problems(ExpressionKind.TEMPLATE, "Hello {{ name | nosuchfilter }}").get(0)
                .contains("nosuchfilter"));
        assertTrue(checker.problems(ExpressionKind.TEMPLATE, "{% if x %}no end").size() == 1);
        assertTrue(checker.problems(ExpressionKind.JSONPATH, "$.value[0.fullname").get(0).contains("JSONPath"));
        assertEquals(Set.of("call", "ContactName"), checker.variablesIn("Hi {{ ContactName }} on {{ call.ani }}"));
    }

    @Test
    void aFlowWithABadFilterIsRejectedNamingActivityAndKey() {
        String yaml = """
                name: t
                start: Hello
                activities:
                  Hello:
                    type: play-message
                    settings: {text: "Hi {{ call.ani | spel }}"}
                    links: {next: Bye}
                  Bye: {type: disconnect}
                """;
        FlowException e = assertThrows(FlowException.class, () -> loader.parse("t.yaml", yaml));
        assertTrue(e.getMessage().contains("t.yaml: activity 'Hello': settings.text") && e.getMessage().contains("spel"),
                e.getMessage());
    }
}
