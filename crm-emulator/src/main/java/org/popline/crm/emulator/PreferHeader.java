package org.popline.crm.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The {@code Prefer} request header: page size, return representation and annotations. */
final class PreferHeader {

    private OptionalInt maxPageSize = OptionalInt.empty();
    private boolean returnRepresentation;
    private String includeAnnotations;

    static PreferHeader parse(List<String> headerValues) {
        PreferHeader prefer = new PreferHeader();
        if (headerValues == null) {
            return prefer;
        }
        for (String header : headerValues) {
            for (String part : header.split(",")) {
                prefer.apply(part.trim());
            }
        }
        return prefer;
    }

    private void apply(String preference) {
        int eq = preference.indexOf('=');
        String name = (eq < 0 ? preference : preference.substring(0, eq)).trim();
        String value = eq < 0 ? "" : preference.substring(eq + 1).trim();
        switch (name) {
            case "odata.maxpagesize":
                try {
                    int size = Integer.parseInt(value);
                    // Dataverse ignores sizes above its 5000-row cap rather than failing the request
                    if (size > 0 && size <= 5000) {
                        maxPageSize = OptionalInt.of(size);
                    }
                } catch (NumberFormatException e) {
                    maxPageSize = OptionalInt.empty();
                }
                break;
            case "return":
                returnRepresentation = value.equals("representation");
                break;
            case "odata.include-annotations":
                includeAnnotations = value.replace("\"", "");
                break;
            default:
                break;
        }
    }

    OptionalInt maxPageSize() {
        return maxPageSize;
    }

    boolean returnRepresentation() {
        return returnRepresentation;
    }

    boolean wantsFormattedValues() {
        return includeAnnotations != null
                && (includeAnnotations.contains("*") || includeAnnotations.contains("FormattedValue"));
    }

    /** The {@code Preference-Applied} value for what was honoured, or null. */
    String applied(boolean pageSizeUsed, boolean representationUsed) {
        List<String> applied = new ArrayList<>();
        if (pageSizeUsed && maxPageSize.isPresent()) {
            applied.add("odata.maxpagesize=" + maxPageSize.getAsInt());
        }
        if (representationUsed && returnRepresentation) {
            applied.add("return=representation");
        }
        if (includeAnnotations != null) {
            applied.add("odata.include-annotations=\"" + includeAnnotations + "\"");
        }
        return applied.isEmpty() ? null : String.join(",", applied);
    }
}
