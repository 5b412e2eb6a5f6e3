package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.HttpRequestSpec;
import org.popline.ivr.http.HttpResult;
import org.popline.ivr.http.QueryStrings;
import org.popline.ivr.jsonpath.JsonPaths;

/**
 * An HTTP call, to a full {@code url} or to a {@code path} relative to a CRM {@code connector}
 * (which also supplies the OAuth token). {@code outputs} maps variables to JSONPaths into the
 * response body. Links: {@code success} (2xx), {@code error} (other status, network, bad body);
 * {@code timeout} is optional and falls back to {@code error}, since most flows treat both alike.
 * {@code record} names a variable that gets {@code httpStatusCode} and {@code httpResponseBody}
 * whatever the outcome, as Webex flows read them ({@code {{ GetCustomer.httpStatusCode }}}).
 */
public final class HttpRequestType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("http-request",
            List.of(
                    oneOf("method", false, "GET", "POST", "PUT", "PATCH", "DELETE"),
                    optional("url", TEMPLATE),
                    optional("connector", STRING),
                    optional("path", TEMPLATE),
                    map("query", false, MapKeys.ANY, TEMPLATE),
                    map("headers", false, MapKeys.ANY, TEMPLATE),
                    optional("body", TEMPLATE),
                    optional("timeout", DURATION),
                    optional("retries", INTEGER),
                    map("outputs", false, MapKeys.VARIABLES, JSONPATH),
                    optional("record", VARIABLE)),
            LinkSpec.required("success", "error").withOptional("timeout"),
            List.of(List.of("url", "path")),
            Map.of("path", "connector"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    /** The Webex HTTP Request activity's defaults. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2000);
    static final int DEFAULT_RETRIES = 1;
    /** Enough of a response body to see what came back, without keeping whole result sets per call. */
    private static final int TRACED_BODY_CHARS = 2000;

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        Optional<Connector> connector = s.text("connector").map(name -> context.connector(name)
                .orElseThrow(() -> new IllegalStateException("no connector '" + name + "'")));
        String base = s.text("url").map(context::render)
                .orElseGet(() -> connector.orElseThrow().baseUrl().resolve(context.render(s.text("path").orElseThrow())).toString());
        Map<String, String> query = new LinkedHashMap<>();
        s.map("query").forEach((name, template) -> query.put(name, context.render(template)));
        URI uri = URI.create(QueryStrings.append(base, query, false));
        Map<String, String> headers = new LinkedHashMap<>();
        s.map("headers").forEach((name, template) -> headers.put(name, context.render(template)));
        Optional<String> body = s.text("body").map(context::render);
        String method = s.text("method").orElse("GET");
        context.input("method", method);
        context.input("url", uri.toString());
        if (!headers.isEmpty()) {
            context.input("headers", headers);
        }
        body.ifPresent(b -> context.input("body", b));

        HttpResult result = context.http(new HttpRequestSpec(method, uri, headers, body,
                s.duration("timeout").orElse(DEFAULT_TIMEOUT), s.integer("retries").orElse(DEFAULT_RETRIES), connector));
        s.text("record").ifPresent(name -> context.record(name, Map.of(
                "httpStatusCode", result.status(),
                "httpResponseBody", result.body() == null ? "" : result.body())));
        context.output("status", result.status());
        context.output("attempts", result.attempts());
        context.output("ms", result.took().toMillis());
        if (result.outcome() != HttpResult.Outcome.SUCCESS) {
            context.output("failure", result.detail());
            return result.outcome() == HttpResult.Outcome.TIMEOUT ? "timeout" : "error";
        }
        context.output("body", abbreviate(result.body()));
        return mapOutputs(s.map("outputs"), result.body(), context);
    }

    /** A body that is not JSON is an error: the flow expected data and has none. */
    private static String mapOutputs(Map<String, String> outputs, String body, ActivityContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> output : outputs.entrySet()) {
                JsonPaths.readText(JsonPaths.compile(output.getValue()), body)
                        .ifPresent(value -> values.put(output.getKey(), value));
            }
        } catch (IllegalArgumentException e) {
            context.output("failure", e.getMessage());
            return "error";
        }
        values.forEach(context::set);
        outputs.keySet().forEach(name -> context.output(name, values.getOrDefault(name, "(no value: unchanged)")));
        return "success";
    }

    private static String abbreviate(String body) {
        return body.length() <= TRACED_BODY_CHARS ? body
                : body.substring(0, TRACED_BODY_CHARS) + "... (" + body.length() + " chars)";
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("error");
    }

    @Override
    public Optional<String> fallback(String outcome) {
        return outcome.equals("timeout") ? Optional.of("error") : Optional.empty();
    }
}
