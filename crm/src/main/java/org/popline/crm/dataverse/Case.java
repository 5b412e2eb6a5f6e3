package org.popline.crm.dataverse;

import java.time.Instant;
import java.util.Objects;

/** A Dataverse incident (support case) as the flow reads it out and screen-pops it. */
public record Case(String id, String ticketNumber, String title, CaseState state, Instant createdOn) {
  public Case {
    Objects.requireNonNull(id, "id");
  }
}
