package org.popline.ivr.customer;

import java.util.Objects;

/**
 * What a caller lookup found. Text fields are empty, never null, when there is nothing to say: an
 * ambiguous number names nobody, so no one's name or case can be read out to the wrong caller.
 *
 * @param matches how many contacts hold the number (0 for not found and for errors)
 * @param detail why the lookup failed, for the trace; empty otherwise
 */
public record CustomerMatch(Outcome outcome, int matches, String contactId, String contactName, String caseId,
                            String caseNumber, String caseTitle, String detail) {

    /** The links a find-customer activity follows. */
    public enum Outcome {
        FOUND("found"), NOT_FOUND("not-found"), AMBIGUOUS("ambiguous"), ERROR("error");

        private final String link;

        Outcome(String link) {
            this.link = link;
        }

        public String link() {
            return link;
        }
    }

    public CustomerMatch {
        Objects.requireNonNull(outcome, "outcome");
        contactId = Objects.requireNonNullElse(contactId, "");
        contactName = Objects.requireNonNullElse(contactName, "");
        caseId = Objects.requireNonNullElse(caseId, "");
        caseNumber = Objects.requireNonNullElse(caseNumber, "");
        caseTitle = Objects.requireNonNullElse(caseTitle, "");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** One contact; the case fields are empty when they have none (or it could not be read). */
    public static CustomerMatch found(String contactId, String contactName, String caseId, String caseNumber,
                                      String caseTitle) {
        return new CustomerMatch(Outcome.FOUND, 1, contactId, contactName, caseId, caseNumber, caseTitle, "");
    }

    public static CustomerMatch notFound() {
        return new CustomerMatch(Outcome.NOT_FOUND, 0, "", "", "", "", "", "");
    }

    public static CustomerMatch ambiguous(int matches) {
        return new CustomerMatch(Outcome.AMBIGUOUS, matches, "", "", "", "", "", "");
    }

    public static CustomerMatch error(String detail) {
        return new CustomerMatch(Outcome.ERROR, 0, "", "", "", "", "", detail);
    }
}
