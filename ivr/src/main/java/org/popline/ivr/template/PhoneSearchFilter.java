package org.popline.ivr.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.popline.crm.dataverse.ODataFilter;
import org.popline.ivr.ani.PhoneVariants;

/**
 * {@code {{ call.ani | phone_search('telephone1', 'mobilephone') }}}: an OData {@code $filter} that
 * finds records whose named phone columns contain the caller's number in one of its usual written
 * forms ({@link PhoneVariants}), e.g.
 * {@code (contains(telephone1,'4155550100') or contains(telephone1,'+14155550100') or ...)}.
 *
 * <p>The whole expression is in parentheses so that a flow can combine it with other conditions
 * ({@code statecode eq 0 and ...}) without the {@code or}s swallowing them. A number that cannot be
 * parsed gives {@code (telephone1 eq null and telephone1 ne null)}: valid OData that matches nothing
 * and names only a column the flow chose, so it suits any table. Column names are checked, because
 * they are pasted into the expression unquoted; the number's variants are quoted.
 */
final class PhoneSearchFilter implements Filter {

    static final String NAME = "phone_search";
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final PhoneVariants variants;

    PhoneSearchFilter(PhoneVariants variants) {
        this.variants = variants;
    }

    /** Null: the column names are positional and as many as the flow gives. */
    @Override
    public List<String> getArgumentNames() {
        return null;
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                        EvaluationContext context, int lineNumber) {
        List<String> columns = columns(args, self, lineNumber);
        List<String> written = input == null ? List.of() : variants.of(input.toString());
        return filter(written, columns);
    }

    static String filter(List<String> written, List<String> columns) {
        if (written.isEmpty()) {
            String column = columns.get(0);
            return "(" + column + " eq null and " + column + " ne null)";
        }
        List<String> terms = new ArrayList<>();
        for (String column : columns) {
            for (String variant : written) {
                terms.add(ODataFilter.contains(column, variant));
            }
        }
        return "(" + String.join(" or ", terms) + ")";
    }

    private static List<String> columns(Map<String, Object> args, PebbleTemplate self, int lineNumber) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; args.containsKey(String.valueOf(i)); i++) {
            Object name = args.get(String.valueOf(i));
            if (!(name instanceof String column) || !COLUMN.matcher(column).matches()) {
                throw new PebbleException(null, NAME + ": \"" + name + "\" is not a column name (letters, digits"
                        + " and underscore, not starting with a digit)", lineNumber, self.getName());
            }
            columns.add(column);
        }
        if (columns.isEmpty()) {
            throw new PebbleException(null, NAME + " needs the columns to search, e.g. phone_search('telephone1',"
                    + " 'mobilephone')", lineNumber, self.getName());
        }
        return columns;
    }
}
