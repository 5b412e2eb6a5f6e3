package org.popline.ivr.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code strip_ani} and {@code phone_search} as a flow writes them; the search itself is run in PhoneSearchEmulatorTest. */
class NumberFiltersTest {

    private final Templates us = new Templates("US");

    private String render(Templates templates, String source, Object ani) {
        Map<String, Object> call = new HashMap<>();
        call.put("ani", ani);
        return templates.render(templates.compile(source), Map.of("call", call));
    }

    @Test
    void stripAniGivesTheNationalSignificantNumber() {
        assertEquals("4155550100", render(us, "{{ call.ani | strip_ani }}", "+14155550100"));
        assertEquals("301234567", render(new Templates("DE"), "{{ call.ani | strip_ani }}", "030 1234567"));
    }

    @Test
    void stripAniGivesNothingForAWithheldOrGarbledNumber() {
        assertEquals("", render(us, "{{ call.ani | strip_ani }}", "anonymous"));
        assertEquals("", render(us, "{{ call.ani | strip_ani }}", "12"));
        assertEquals("", render(us, "{{ call.ani | strip_ani }}", null));
    }

    @Test
    void phoneSearchOrsEveryNotationOverEveryColumn() {
        String filter = render(us, "{{ call.ani | phone_search('telephone1', 'mobilephone') }}", "+14155550100");

        assertTrue(filter.startsWith("(contains(telephone1,'4155550100') or contains(telephone1,'+14155550100')"
                + " or contains(telephone1,'(415) 555-0100') or contains(telephone1,'+1 415-555-0100')"
                + " or contains(telephone1,'415 555 0100') or contains(telephone1,'415-555-0100')"
                + " or contains(telephone1,'415.555.0100') or contains(telephone1,'415/555/0100')"
                + " or contains(telephone1,'+1 415 555 0100') or contains(mobilephone,'4155550100')"), filter);
        assertTrue(filter.endsWith(" or contains(mobilephone,'+1 415 555 0100'))"), filter);
        assertEquals(18, filter.split(" or ").length);
    }

    @Test
    void phoneSearchQuotesValuesTheODataWay() {
        assertEquals("(contains(fullname,'O''Brien') or contains(lastname,'O''Brien'))",
                PhoneSearchFilter.filter(List.of("O'Brien"), List.of("fullname", "lastname")));
    }

    @Test
    void phoneSearchForNoNumberIsValidODataThatMatchesNothing() {
        assertEquals("(telephone1 eq null and telephone1 ne null)",
                render(us, "{{ call.ani | phone_search('telephone1', 'mobilephone') }}", "anonymous"));
        assertEquals("(telephone1 eq null and telephone1 ne null)",
                render(us, "{{ call.ani | phone_search('telephone1') }}", null));
    }

    @Test
    void aBadColumnNameFailsTheRenderNamingIt() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> render(us, "{{ call.ani | phone_search('telephone1', 'x) or true or contains(y') }}", "+14155550100"));
        assertTrue(e.getMessage().contains("phone_search: \"x) or true or contains(y\" is not a column name"),
                e.getMessage());
        TemplateException number = assertThrows(TemplateException.class,
                () -> render(us, "{{ call.ani | phone_search(1) }}", "+14155550100"));
        assertTrue(number.getMessage().contains("\"1\" is not a column name"), number.getMessage());
    }

    @Test
    void phoneSearchWithoutColumnsFailsTheRender() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> render(us, "{{ call.ani | phone_search }}", "+14155550100"));
        assertTrue(e.getMessage().contains("phone_search needs the columns to search"), e.getMessage());
    }

    @Test
    void anUnknownRegionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Templates("XX"));
    }
}
