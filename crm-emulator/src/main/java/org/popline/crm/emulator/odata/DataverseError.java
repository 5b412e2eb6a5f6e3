package org.popline.crm.emulator.odata;

/** A request the Web API refuses; rendered as Dataverse's {@code {"error":{"code":...,"message":...}}}. */
public final class DataverseError extends RuntimeException {

    /** Dataverse's code for unknown properties and malformed query options. */
    public static final String QUERY_CODE = "0x80060888";
    /** Dataverse's code for an unknown URL segment such as an entity set. */
    public static final String SEGMENT_CODE = "0x8006088a";
    /** Dataverse's code for a record id that does not exist. */
    public static final String NOT_FOUND_CODE = "0x80040217";

    private final int status;
    private final String code;

    public DataverseError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static DataverseError badQuery(String message) {
        return new DataverseError(400, QUERY_CODE, message);
    }

    public static DataverseError unknownProperty(String property, EntityType type) {
        return badQuery("Could not find a property named '" + property + "' on type '"
                + type.qualifiedName() + "'.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
