package org.popline.ivr.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSONPath for the http-request activity's output mapping, e.g. {@code $.value[0].fullname} or
 * {@code $.value.length()} on a Dataverse response.
 *
 * <p>Paths without the leading {@code $.} are accepted as json-path does, so the Webex template's
 * {@code value[0].contactid} works unchanged. Documents are parsed and returned by Jackson, not
 * json-path's json-smart default; json-smart stays on the classpath all the same because json-path
 * parses array and object literals in filters ({@code [?(@.statecode in [0,1])]}) with it.
 */
public final class JsonPaths {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();

    private JsonPaths() {
    }

    /**
     * Checks the syntax so a flow with a bad path is rejected when it is loaded.
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static JsonPath compile(String path) {
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JSONPath \"" + path + "\": " + e.getMessage(), e);
        }
    }

    /**
     * The value at {@code path}: a String, Number, Boolean, Map or List.
     *
     * @return empty when the path leads nowhere (no such key, index past the end of an array) or to
     *         JSON {@code null}; a CRM that finds no match answers {@code {"value":[]}}, which is an
     *         ordinary outcome, not an error
     * @throws IllegalArgumentException if {@code json} is not JSON
     */
    public static Optional<Object> read(JsonPath path, String json) {
        try {
            return Optional.ofNullable(path.read(json, JACKSON));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (InvalidJsonException e) {
            throw new IllegalArgumentException("response is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #read} as text for a string flow variable: scalars as written, an object or array as JSON.
     */
    public static Optional<String> readText(JsonPath path, String json) {
        return read(path, json).map(JsonPaths::text);
    }

    private static String text(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a value parsed from JSON could not be written back", e);
            }
        }
        return value.toString();
    }
}
