package org.popline.crm.emulator.odata;

/** A {@code $filter} that cannot be parsed; the message follows the wording of the OData library Dataverse uses. */
public final class FilterSyntaxException extends RuntimeException {

    public FilterSyntaxException(String message) {
        super(message);
    }
}
