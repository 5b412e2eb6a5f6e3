package org.popline.crm.emulator.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system query options of one collection request, checked against the entity type: {@code $select},
 * {@code $filter}, {@code $orderby}, {@code $top} and the {@code $skiptoken} of a next-page link.
 */
public final class QueryOptions {

    public static final int MAX_PAGE_SIZE = 5000;

    private static final Set<String> SUPPORTED = Set.of("$select", "$filter", "$orderby", "$top", "$skiptoken");
    private static final Pattern PAGE_NUMBER = Pattern.compile("pagenumber=\"(\\d+)\"");

    private final List<String> select;
    private final FilterExpression filterExpression;
    private final Predicate<EntityRecord> filter;
    private final Comparator<EntityRecord> order;
    private final OptionalInt top;
    private final int pageNumber;

    private QueryOptions(List<String> select, FilterExpression filterExpression, Predicate<EntityRecord> filter,
                         Comparator<EntityRecord> order, OptionalInt top, int pageNumber) {
        this.select = select;
        this.filterExpression = filterExpression;
        this.filter = filter;
        this.order = order;
        this.top = top;
        this.pageNumber = pageNumber;
    }

    public static QueryOptions parse(Map<String, String> params, EntityType type) {
        for (String name : params.keySet()) {
            if (name.startsWith("$") && !SUPPORTED.contains(name)) {
                throw DataverseError.badQuery("The query parameter '" + name
                        + "' is not supported by the Dataverse emulator.");
            }
        }
        List<String> select = params.containsKey("$select") ? select(params.get("$select"), type) : List.of();
        FilterExpression filterExpression = params.containsKey("$filter") ? parseFilter(params.get("$filter")) : null;
        Predicate<EntityRecord> filter = filterExpression != null
                ? RecordFilter.compile(filterExpression, type)
                : record -> true;
        Comparator<EntityRecord> order = params.containsKey("$orderby")
                ? RecordOrder.parse(params.get("$orderby"), type)
                : null;
        OptionalInt top = params.containsKey("$top") ? OptionalInt.of(top(params.get("$top"))) : OptionalInt.empty();
        int page = params.containsKey("$skiptoken") ? pageNumber(params.get("$skiptoken")) : 1;
        return new QueryOptions(select, filterExpression, filter, order, top, page);
    }

    private static List<String> select(String value, EntityType type) {
        List<String> columns = new ArrayList<>();
        for (String name : value.split(",")) {
            String column = type.requireColumn(name.trim()).name();
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        return List.copyOf(columns);
    }

    private static FilterExpression parseFilter(String value) {
        try {
            return FilterParser.parse(value);
        } catch (FilterSyntaxException e) {
            throw DataverseError.badQuery(e.getMessage());
        }
    }

    private static int top(String value) {
        try {
            int top = Integer.parseInt(value.trim());
            if (top >= 0) {
                return Math.min(top, MAX_PAGE_SIZE);
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as a negative number
        }
        throw DataverseError.badQuery("Invalid value '" + value + "' for $top query option found."
                + " The $top query option requires a non-negative integer value.");
    }

    /** Next-page links carry a Dataverse-style paging cookie; only its page number matters here. */
    private static int pageNumber(String skipToken) {
        Matcher m = PAGE_NUMBER.matcher(skipToken);
        if (!m.find() || Integer.parseInt(m.group(1)) < 1) {
            throw DataverseError.badQuery("Invalid $skiptoken '" + skipToken + "'.");
        }
        return Integer.parseInt(m.group(1));
    }

    public static String skipToken(int pageNumber) {
        return "<cookie pagenumber=\"" + pageNumber + "\" istracking=\"False\" />";
    }

    /** The selected columns in request order, empty when every column is wanted. */
    public List<String> select() {
        return select;
    }

    /** The parsed {@code $filter}, null when the query has none; {@link IndexedRows} narrows by it. */
    public FilterExpression filterExpression() {
        return filterExpression;
    }

    public Predicate<EntityRecord> filter() {
        return filter;
    }

    /** Null when the request gives no order; the store's natural order applies then. */
    public Comparator<EntityRecord> order() {
        return order;
    }

    public OptionalInt top() {
        return top;
    }

    public int pageNumber() {
        return pageNumber;
    }
}
