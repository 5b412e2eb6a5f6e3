package org.popline.ivr.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private final Templates templates = new Templates();

    private String render(String source, Map<String, Object> variables) {
        return templates.render(templates.compile(source), variables);
    }

    @Test
    void anAudioPromptVariableGivesTheFileNameOfANameOrAUrlAndNothingElse() {
        String t = "audio/{{ Prompt | audiofile }}";
        assertEquals("audio/welcome.wav", render(t, Map.of("Prompt", "welcome.wav")));
        assertEquals("audio/welcome.wav", render(t, Map.of("Prompt", " https://prompts.example.com/ivr/welcome.wav?v=2 ")));
        assertEquals("audio/popline.yaml", render(t, Map.of("Prompt", "../../popline.yaml")), "no way out of audio/");
        assertEquals("audio/x.wav", render(t, Map.of("Prompt", "C:\\prompts\\x.wav")));
        assertEquals("audio/", render(t, Map.of("Prompt", "")));
    }

    @Test
    void rendersTheTemplatePromptWithFlowVariables() {
        String prompt = render("Hello {{ ContactName }}, your {{ CaseNumber }} with {{ CaseTitle }} was found.",
                Map.of("ContactName", "Anna Schmidt", "CaseNumber", "CAS-01234", "CaseTitle", "Printer jam"));
        assertEquals("Hello Anna Schmidt, your CAS-01234 with Printer jam was found.", prompt);
    }

    @Test
    void replaceTakesAMapOfSearchToReplacement() {
        assertEquals("14155550100", render("{{ ani | replace({'+': ''}) }}", Map.of("ani", "+14155550100")));
        assertEquals("14155550100", render("{{NewPhoneContact.ANI | replace({\"+\":\"\"})}}",
                Map.of("NewPhoneContact", Map.of("ANI", "+14155550100"))));
    }

    @Test
    void twigStyleReplaceWithTwoArgumentsIsAnError() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> render("{{ ani | replace('+', '') }}", Map.of("ani", "+1")));
        assertTrue(e.getMessage().contains("Only 1 argument(s) are allowed"), e.getMessage());
    }

    @Test
    void readsNestedMapsAndListsFromJson() {
        Map<String, Object> response = Map.of("value", List.of(Map.of("fullname", "Anna Schmidt")));
        assertEquals("Anna Schmidt", render("{{ response.value[0].fullname }}", Map.of("response", response)));
    }

    @Test
    void doesNotEscapeHtmlCharacters() {
        assertEquals("a=1&b=<x>", render("{{ q }}", Map.of("q", "a=1&b=<x>")));
    }

    @Test
    void urlencodeEncodesAQueryValue() {
        assertEquals("etn=incident&extraqs=fullname%3DAnna+M%C3%BCller",
                render("etn=incident&extraqs={{ ('fullname=' ~ name) | urlencode }}", Map.of("name", "Anna Müller")));
    }

    @Test
    void defaultCoversAMissingOrNullVariableInStrictMode() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("CaseTitle", null);
        assertEquals("your case", render("{{ CaseTitle | default('your case') }}", withNull));
        assertEquals("your case", render("{{ CaseTitle | default('your case') }}", Map.of()));
        assertEquals("Printer jam", render("{{ CaseTitle | default('your case') }}", Map.of("CaseTitle", "Printer jam")));
    }

    @Test
    void spellFilterReadsACaseNumberCharacterByCharacter() {
        assertEquals("Your case number is C A S, 0 1 2 3 4.",
                render("Your case number is {{ CaseNumber | spell }}.", Map.of("CaseNumber", "CAS-01234")));
    }

    @Test
    void conditionsEvaluateToText() {
        assertEquals("true", render("{{ CustomerID == \"NA\" }}", Map.of("CustomerID", "NA")));
        assertEquals("false", render("{{ CustomerType == \"New\" }}", Map.of("CustomerType", "Existing")));
    }

    @Test
    void unknownVariableFailsAtRenderNamingIt() {
        Template template = templates.compile("Hello {{ ContactNmae }}");
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.render(template, Map.of("ContactName", "Anna")));
        assertEquals("unknown variable ContactNmae in template \"Hello {{ ContactNmae }}\"", e.getMessage());
    }

    @Test
    void missingNestedAttributeFailsAtRender() {
        Template template = templates.compile("{{ response.value[0].fulname }}");
        Map<String, Object> response = Map.of("value", List.of(Map.of("fullname", "Anna")));
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.render(template, Map.of("response", response)));
        assertTrue(e.getMessage().startsWith("no attribute fulname in template"), e.getMessage());
    }

    @Test
    void unclosedPrintIsRejectedAtCompile() {
        TemplateException e = assertThrows(TemplateException.class, () -> templates.compile("Hello {{ ContactName"));
        assertTrue(e.getMessage().contains("Hello {{ ContactName"), e.getMessage());
    }

    @Test
    void unclosedTagIsRejectedAtCompile() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.compile("{% if CustomerID == 'NA' %}no case"));
        assertTrue(e.getMessage().contains("endif"), e.getMessage());
    }

    @Test
    void unknownFilterIsRejectedAtCompileNamingIt() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.compile("{{ CaseNumber | spel }}"));
        assertEquals("unknown filter spel in template \"{{ CaseNumber | spel }}\"", e.getMessage());
    }

    @Test
    void unknownFilterInsideAnArgumentIsRejectedAtCompile() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> templates.compile("{{ a | default(b | nosuch) }}"));
        assertTrue(e.getMessage().startsWith("unknown filter nosuch"), e.getMessage());
    }

    @Test
    void unknownFunctionIsRejectedAtCompile() {
        TemplateException e = assertThrows(TemplateException.class, () -> templates.compile("{{ lookup(ANI) }}"));
        assertTrue(e.getMessage().startsWith("unknown function lookup"), e.getMessage());
    }

    @Test
    void listsTheRootVariablesATemplateReads() {
        Template template = templates.compile(
                "{{ NewPhoneContact.ANI | replace({'+': ''}) }} {{ CaseNumber | spell }}"
                        + "{% if CustomerType == 'New' %}{{ a[idx] }}{% else %}{{ b ? c : d }}{% endif %}"
                        + "{{ title | default(fallback) }}");
        assertEquals(Set.of("NewPhoneContact", "CaseNumber", "CustomerType", "a", "idx", "b", "c", "d",
                "title", "fallback"), template.variables());
    }

    @Test
    void namesBoundInsideTheTemplateAreNotListed() {
        Template template = templates.compile("{% set greeting = 'Hi' %}{% for c in cases %}{{ greeting }} {{ c.title }}{% endfor %}");
        assertEquals(Set.of("cases"), template.variables());
    }

    @Test
    void plainTextHasNoVariables() {
        Template template = templates.compile("Welcome to Popline!");
        assertEquals(Set.of(), template.variables());
        assertEquals("Welcome to Popline!", templates.render(template, Map.of()));
    }
}
