package org.popline.crm.emulator;

import java.util.Map;
import org.popline.crm.emulator.odata.EntityType;

/** Display names of the state and status choices, as the Dynamics UI and formatted-value annotations show them. */
final class StateNames {

    private static final Map<Integer, String> CASE_STATES = Map.of(0, "Active", 1, "Resolved", 2, "Canceled");
    private static final Map<Integer, String> CASE_STATUSES = Map.of(1, "In Progress", 2, "On Hold",
            3, "Waiting for Details", 4, "Researching", 5, "Problem Solved", 1000, "Information Provided",
            6, "Canceled", 2000, "Merged");
    private static final Map<Integer, String> CONTACT_STATES = Map.of(0, "Active", 1, "Inactive");
    private static final Map<Integer, String> CONTACT_STATUSES = Map.of(1, "Active", 2, "Inactive");
    private static final Map<Integer, String> ORIGINS = Map.of(1, "Phone", 2, "Email", 3, "Web");

    private StateNames() {
    }

    static String state(EntityType type, Integer code) {
        return name(type == EntityTypes.INCIDENT ? CASE_STATES : CONTACT_STATES, code);
    }

    static String status(EntityType type, Integer code) {
        return name(type == EntityTypes.INCIDENT ? CASE_STATUSES : CONTACT_STATUSES, code);
    }

    static String origin(Integer code) {
        return name(ORIGINS, code);
    }

    private static String name(Map<Integer, String> names, Integer code) {
        return code == null ? "" : names.getOrDefault(code, String.valueOf(code));
    }
}
