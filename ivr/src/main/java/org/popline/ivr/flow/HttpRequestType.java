package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Map;

/**
 * An HTTP call, to a full {@code url} or to a {@code path} relative to a CRM {@code connector}
 * (which also supplies the OAuth token). {@code outputs} maps variables to JSONPaths into the
 * response body. Links: {@code success} (2xx), {@code error} (other status, network, bad body);
 * {@code timeout} is optional and falls back to {@code error}, since most flows treat both alike.
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
                    map("outputs", false, MapKeys.VARIABLES, JSONPATH)),
            LinkSpec.required("success", "error").withOptional("timeout"),
            List.of(List.of("url", "path")),
            Map.of("path", "connector"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
