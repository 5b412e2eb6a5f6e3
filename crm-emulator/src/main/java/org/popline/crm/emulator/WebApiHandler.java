package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.popline.crm.emulator.odata.ColumnType;
import org.popline.crm.emulator.odata.DataverseError;
import org.popline.crm.emulator.odata.EntityRecord;
import org.popline.crm.emulator.odata.EntityType;
import org.popline.crm.emulator.odata.QueryOptions;
import org.popline.crm.emulator.odata.QueryString;

/** The Web API under {@code /api/data/v9.x/}: service document, collections, single records and create. */
final class WebApiHandler implements HttpHandler {

    private static final Pattern PATH = Pattern.compile("/api/data/(v9\\.[0-2])/(.*)");
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_$][A-Za-z0-9_]*)(?:\\((.*)\\))?");

    private final CrmStore store;
    private final ApiGate gate;
    private final RecordJson recordJson;
    private final RecordInput recordInput;
    private final String fallbackBaseUrl;

    WebApiHandler(CrmStore store, ApiGate gate, String fallbackBaseUrl) {
        this.store = store;
        this.gate = gate;
        this.recordJson = new RecordJson(store);
        this.recordInput = new RecordInput(store);
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!gate.admit(exchange)) {
            return;
        }
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            Exchanges.sendOData(exchange, 404, ApiGate.error(DataverseError.SEGMENT_CODE,
                    "Resource not found for the segment '" + exchange.getRequestURI().getPath() + "'."));
            return;
        }
        String apiRoot = Exchanges.baseUrl(exchange, fallbackBaseUrl) + "/api/data/" + path.group(1) + "/";
        try {
            route(exchange, apiRoot, path.group(2));
        } catch (DataverseError e) {
            Exchanges.sendOData(exchange, e.status(), ApiGate.error(e.code(), e.getMessage()));
        }
    }

    private void route(HttpExchange exchange, String apiRoot, String resource) throws IOException {
        if (resource.isEmpty()) {
            requireMethod(exchange, "GET");
            Exchanges.sendOData(exchange, 200, serviceDocument(apiRoot));
            return;
        }
        Matcher segment = SEGMENT.matcher(resource);
        EntityType type = segment.matches() ? EntityTypes.bySetName(segment.group(1)).orElse(null) : null;
        if (type == null) {
            throw new DataverseError(404, DataverseError.SEGMENT_CODE,
                    "Resource not found for the segment '" + resource.replaceAll("\\(.*", "") + "'.");
        }
        PreferHeader prefer = PreferHeader.parse(exchange.getRequestHeaders().get("Prefer"));
        Map<String, String> params = QueryString.parse(exchange.getRequestURI().getRawQuery());
        QueryOptions options = QueryOptions.parse(params, type);
        if (segment.group(2) != null) {
            requireMethod(exchange, "GET");
            single(exchange, apiRoot, type, key(segment.group(2), type), options, prefer);
        } else if (exchange.getRequestMethod().equals("POST")) {
            create(exchange, apiRoot, type, options, prefer);
        } else {
            requireMethod(exchange, "GET");
            collection(exchange, apiRoot, type, options, prefer);
        }
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new DataverseError(405, "0x80060888", "The HTTP method '" + exchange.getRequestMethod()
                    + "' is not supported by the Dataverse emulator for this resource.");
        }
    }

    private static String key(String text, EntityType type) {
        String key = text.replace("{", "").replace("}", "");
        if (!ColumnType.isGuid(key)) {
            throw DataverseError.badQuery("Bad Request - Error in query syntax: the key of " + type.setName()
                    + " must be a GUID.");
        }
        return key.toLowerCase();
    }

    private void single(HttpExchange exchange, String apiRoot, EntityType type, String id, QueryOptions options,
                        PreferHeader prefer) throws IOException {
        EntityRecord record = store.find(type, id).orElseThrow(() -> new DataverseError(404,
                DataverseError.NOT_FOUND_CODE, type.logicalName() + " With Id = " + id + " Does Not Exist"));
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.put("@odata.context", RecordJson.context(apiRoot, type, options.select(), true));
        body.setAll(recordJson.write(record, type, options.select(), prefer.wantsFormattedValues()));
        preferenceApplied(exchange, prefer.applied(false, false));
        Exchanges.sendOData(exchange, 200, body);
    }

    private void collection(HttpExchange exchange, String apiRoot, EntityType type, QueryOptions options,
                            PreferHeader prefer) throws IOException {
        List<EntityRecord> matching = store.candidates(type, options.filterExpression()).stream()
                .filter(options.filter()).collect(Collectors.toList());
        if (options.order() != null) {
            matching.sort(options.order());
        }
        OptionalInt maxPageSize = prefer.maxPageSize();
        int pageSize;
        if (maxPageSize.isPresent()) {
            // page-results.md: with odata.maxpagesize, $top does not apply
            pageSize = maxPageSize.getAsInt();
        } else {
            pageSize = options.top().orElse(QueryOptions.MAX_PAGE_SIZE);
        }
        int from = Math.min(matching.size(), (options.pageNumber() - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        boolean more = to < matching.size() && (maxPageSize.isPresent() || options.top().isEmpty());

        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.put("@odata.context", RecordJson.context(apiRoot, type, options.select(), false));
        ArrayNode value = body.putArray("value");
        for (EntityRecord record : matching.subList(from, to)) {
            value.add(recordJson.write(record, type, options.select(), prefer.wantsFormattedValues()));
        }
        if (more) {
            body.put("@odata.nextLink", nextLink(apiRoot, type, exchange.getRequestURI().getRawQuery(),
                    options.pageNumber() + 1));
        }
        preferenceApplied(exchange, prefer.applied(true, false));
        Exchanges.sendOData(exchange, 200, body);
    }

    /** The same request with a paging cookie for the next page; clients are to follow it unchanged. */
    private static String nextLink(String apiRoot, EntityType type, String rawQuery, int nextPage) {
        List<String> parts = new ArrayList<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                String name = QueryString.decode(part.split("=", 2)[0]);
                if (!part.isEmpty() && !name.equals("$skiptoken")) {
                    parts.add(part);
                }
            }
        }
        parts.add("$skiptoken=" + URLEncoder.encode(QueryOptions.skipToken(nextPage), StandardCharsets.UTF_8)
                .replace("+", "%20"));
        return apiRoot + type.setName() + "?" + String.join("&", parts);
    }

    private void create(HttpExchange exchange, String apiRoot, EntityType type, QueryOptions options,
                        PreferHeader prefer) throws IOException {
        Map<String, Object> values = recordInput.parse(Exchanges.body(exchange), type);
        EntityRecord record;
        try {
            record = store.create(type, values);
        } catch (IllegalArgumentException e) {
            throw new DataverseError(412, "0x80040237", "A record with matching key values already exists.");
        }
        String id = record.getString(type.keyColumn());
        exchange.getResponseHeaders().set("OData-EntityId", apiRoot + type.setName() + "(" + id + ")");
        preferenceApplied(exchange, prefer.applied(false, true));
        if (!prefer.returnRepresentation()) {
            exchange.getResponseHeaders().set("OData-Version", "4.0");
            Exchanges.sendEmpty(exchange, 204);
            return;
        }
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.put("@odata.context", RecordJson.context(apiRoot, type, options.select(), true));
        body.setAll(recordJson.write(record, type, options.select(), prefer.wantsFormattedValues()));
        Exchanges.sendOData(exchange, 201, body);
    }

    private static void preferenceApplied(HttpExchange exchange, String applied) {
        if (applied != null) {
            exchange.getResponseHeaders().set("Preference-Applied", applied);
        }
    }

    private static ObjectNode serviceDocument(String apiRoot) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.put("@odata.context", apiRoot + "$metadata");
        ArrayNode value = body.putArray("value");
        for (EntityType type : EntityTypes.all()) {
            value.addObject().put("name", type.setName()).put("kind", "EntitySet").put("url", type.setName());
        }
        return body;
    }
}
