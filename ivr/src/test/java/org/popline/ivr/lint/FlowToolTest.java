package org.popline.ivr.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.template.Templates;
import org.popline.ivr.webex.WebexMapping;
import org.popline.ivr.webex.WebexTranslator;

/** {@code popline flow import} and {@code flow check}: the YAML an export becomes, and the traps check finds. */
class FlowToolTest {
    private static final Path PUBLISHED = Path.of("../../shared/webex-flows/hnavilur__msdynamics-datadip-template__MSDynamics_HTTP_Template.json");
    private static final Path OWN = Path.of("src/test/resources/webex/datadip.json");
    private static final FlowExpressions EXPRESSIONS = new FlowExpressions(new Templates("US"));
    private static final WebexTranslator WEBEX = new WebexTranslator(WebexMapping.of("dynamics", List.of("support")));
    private static final FlowLoader LOADER = new FlowLoader(ActivityTypes.standard(), EXPRESSIONS, List.of(WEBEX));
    private static final FlowTool TOOL = new FlowTool(LOADER, WEBEX, EXPRESSIONS);

    private static List<String> check(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = TOOL.check(file, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void checkPrintsEveryTrapOfThePublishedMsDynamicsTemplate() {
        assumeTrue(Files.isRegularFile(PUBLISHED), "the published exports are in ../shared/webex-flows");
        List<String> lines = check(PUBLISHED);
        String w = "warning: " + PUBLISHED + ": activity ";
        assertTrue(lines.contains(w + "'GetCaseInfo': its query filters on nothing the flow found before it: it reads "
                + "whatever record the CRM returns first, for every caller (filter on a variable an earlier activity set)"), lines.toString());
        assertTrue(lines.contains(w + "'ScreenPop': record id b68990a8-e1dc-4350-b266-112c622507f5 is written into the screen "
                + "pop (id): every agent opens that same record, not the caller's"), lines.toString());
        assertTrue(lines.contains(w + "'GetCustomerInfo': nothing handles its failure: a failed or slow request goes on to "
                + "'ConditionCheck' as if it had answered, its outputs still at their defaults"), lines.toString());
        assertTrue(lines.contains(w + "'MainMenu': a caller who presses nothing or a wrong key gets no second chance: the "
                + "menu is not offered again (timeout and invalid go to 'QueueContact')"), lines.toString());
        assertTrue(lines.contains(w + "'ConditionCheck': it tests CustomerID against its default \"NA\", which "
                + "'GetCustomerInfo' leaves unchanged when the request fails or finds nothing: a CRM failure looks like an "
                + "unknown caller"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith("is valid: 21 activities, " + (lines.size() - 1) + " warning(s)"),
                lines.get(lines.size() - 1));
    }

    @Test
    void theOwnFixtureFiltersOnWhatItFoundAndPopsNoFixedRecord() {
        List<String> lines = check(OWN);
        assertTrue(lines.stream().noneMatch(l -> l.contains("filters on nothing") || l.contains("record id")), lines.toString());
    }

    @Test
    void importWritesYamlThatLoadsToTheSameFlowWithTheSourceNames(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("datadip.yaml");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TOOL.importFlow(OWN, Optional.of(yaml), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

        Flow fromYaml = LOADER.load(yaml);
        Flow fromJson = LOADER.load(OWN);
        assertEquals(fromJson, fromYaml);
        String text = Files.readString(yaml);
        assertTrue(text.contains("  GetCustomerInfo:\n    type: http-request\n"), text);
        assertTrue(text.contains("connectors.dynamics.root"), text);
    }
}
