package org.popline.crm.dataverse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Dataverse contact as the flow needs it.
 *
 * @param phones phone column name to the raw stored text, only columns that hold a value
 */
public record Contact(String id, String fullName, Map<String, String> phones) {
  public Contact {
    Objects.requireNonNull(id, "id");
    phones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phones));
  }
}
