package org.popline.ivr.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code {{ }}} templates for flow files: prompts, URLs, query strings, conditions.
 *
 * <p>Pebble, set up for Webex-flow-style expressions:
 * <ul>
 *   <li>Variables come from the map given to {@link #render}; nested maps and lists (a parsed JSON
 *       response) are reached with {@code a.b} and {@code a[0]}.</li>
 *   <li>Strict variables: a name missing from the map fails the render instead of printing nothing,
 *       so a typo is not silently spoken as silence.</li>
 *   <li>No autoescaping: the output is speech or a URL, never HTML; {@code &} must stay {@code &}.</li>
 *   <li>Built-in filters useful in flows: {@code replace} takes a map of search to replacement,
 *       {@code {{ ani | replace({'+': ''}) }}}; {@code urlencode} percent-encodes a query value
 *       (space becomes {@code +}); {@code default} gives a value for a missing or null variable even
 *       in strict mode, {@code {{ CaseTitle | default('your case') }}}; also {@code upper},
 *       {@code lower}, {@code trim}, {@code length}, {@code first}, {@code last}.</li>
 *   <li>Added: {@code spell} reads a string character by character, see {@link SpellFilter};
 *       {@code strip_ani} turns the caller's number into its national significant number, see
 *       {@link StripAniFilter}; {@code phone_search('telephone1', 'mobilephone')} builds an OData
 *       {@code $filter} that finds the caller's number in those columns however it was typed, see
 *       {@link PhoneSearchFilter}. Its result still needs {@code urlencode} when it goes into a URL.</li>
 * </ul>
 *
 * <p>One instance is thread-safe and meant to be shared; compiled templates are not cached here
 * because the flow holding them is the cache, and a hot reload must not keep old sources alive.
 */
public final class Templates {

    private final PebbleEngine engine;

    /**
     * @param defaultRegion ISO 3166 two-letter code of the region callers' numbers are national to when
     *                      they carry no country code, e.g. "DE"; read by {@code strip_ani} and
     *                      {@code phone_search}
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public Templates(String defaultRegion) {
        this.engine = new PebbleEngine.Builder()
                .loader(new StringLoader())
                .extension(new PoplineExtension(defaultRegion))
                .strictVariables(true)
                .autoEscaping(false)
                .newLineTrimming(false)
                .cacheActive(false)
                .defaultLocale(Locale.ROOT)
                .build();
    }

    /** Templates whose number filters assume US callers, for uses that never render those filters. */
    public Templates() {
        this("US");
    }

    /**
     * Parses {@code source} and checks every filter and function it names exists.
     *
     * @throws TemplateException naming the problem and its line, e.g. an unclosed {@code {{} or an
     *                           unknown filter
     */
    public Template compile(String source) {
        PebbleTemplateImpl pebble;
        try {
            pebble = (PebbleTemplateImpl) engine.getTemplate(source);
        } catch (PebbleException e) {
            throw new TemplateException(describe(e) + " in template \"" + source + "\"", e);
        }
        References references = References.of(pebble);
        ExtensionRegistry registry = engine.getExtensionRegistry();
        List<String> unknownFilters = references.filters().stream()
                .filter(name -> registry.getFilter(name) == null).toList();
        if (!unknownFilters.isEmpty()) {
            throw new TemplateException("unknown filter " + String.join(", ", unknownFilters)
                    + " in template \"" + source + "\"");
        }
        List<String> unknownFunctions = references.functions().stream()
                .filter(name -> registry.getFunction(name) == null && !pebble.hasMacro(name)).toList();
        if (!unknownFunctions.isEmpty()) {
            throw new TemplateException("unknown function " + String.join(", ", unknownFunctions)
                    + " in template \"" + source + "\"");
        }
        return new Template(source, references.variables(), pebble);
    }

    /**
     * Renders with {@code variables} as the only names in scope.
     *
     * @throws TemplateException if the template reads a variable or attribute the map does not hold,
     *                           or a filter fails on its input
     */
    public String render(Template template, Map<String, Object> variables) {
        StringWriter out = new StringWriter();
        try {
            template.pebble().evaluate(out, variables);
        } catch (RootAttributeNotFoundException e) {
            throw new TemplateException("unknown variable " + e.getAttributeName()
                    + " in template \"" + template.source() + "\"", e);
        } catch (AttributeNotFoundException e) {
            throw new TemplateException("no attribute " + e.getAttributeName()
                    + " in template \"" + template.source() + "\": " + describe(e), e);
        } catch (PebbleException e) {
            throw new TemplateException(describe(e) + " in template \"" + template.source() + "\"", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String describe(PebbleException e) {
        String message = e.getPebbleMessage();
        return e.getLineNumber() == null ? message : message + " (line " + e.getLineNumber() + ")";
    }
}
