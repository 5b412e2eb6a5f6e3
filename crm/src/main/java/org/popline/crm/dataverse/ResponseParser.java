package org.popline.crm.dataverse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns Web API JSON into typed rows, rejecting anything that is not the documented shape. */
final class ResponseParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> phoneColumns;

  ResponseParser(List<String> phoneColumns) {
    this.phoneColumns = List.copyOf(phoneColumns);
  }

  List<Contact> contacts(String body) throws BadResponseException {
    List<Contact> contacts = new ArrayList<>();
    for (JsonNode row : rows(body)) {
      Map<String, String> phones = new LinkedHashMap<>();
      for (String column : phoneColumns) {
        text(row, column).filter(v -> !v.isBlank()).ifPresent(v -> phones.put(column, v));
      }
      contacts.add(new Contact(required(row, "contactid"), text(row, "fullname").orElse(""), phones));
    }
    return contacts;
  }

  List<Case> cases(String body) throws BadResponseException {
    List<Case> cases = new ArrayList<>();
    for (JsonNode row : rows(body)) {
      cases.add(new Case(
          required(row, "incidentid"),
          text(row, "ticketnumber").orElse(""),
          text(row, "title").orElse(""),
          state(row),
          createdOn(row)));
    }
    return cases;
  }

  /** The "message" of Dataverse's error JSON, if the body is one. */
  static Optional<String> errorMessage(String body) {
    try {
      JsonNode message = JSON.readTree(body).path("error").path("message");
      return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<JsonNode> rows(String body) throws BadResponseException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadResponseException("response is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode value = root == null ? null : root.get("value");
    if (value == null || !value.isArray()) {
      throw new BadResponseException("response has no \"value\" array");
    }
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode row : value) {
      if (!row.isObject()) {
        throw new BadResponseException("a row of \"value\" is not an object");
      }
      rows.add(row);
    }
    return rows;
  }

  private static Optional<String> text(JsonNode row, String field) throws BadResponseException {
    JsonNode node = row.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new BadResponseException("\"" + field + "\" is not a string");
    }
    return Optional.of(node.asText());
  }

  private static String required(JsonNode row, String field) throws BadResponseException {
    return text(row, field).filter(v -> !v.isBlank())
        .orElseThrow(() -> new BadResponseException("a row lacks \"" + field + "\""));
  }

  private static CaseState state(JsonNode row) throws BadResponseException {
    JsonNode node = row.get("statecode");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt()) {
      throw new BadResponseException("\"statecode\" is not a number");
    }
    try {
      return CaseState.ofCode(node.asInt());
    } catch (IllegalArgumentException e) {
      throw new BadResponseException(e.getMessage(), e);
    }
  }

  private static Instant createdOn(JsonNode row) throws BadResponseException {
    Optional<String> value = text(row, "createdon");
    if (value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.get()).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadResponseException("\"createdon\" is not an ISO-8601 date-time", e);
    }
  }
}
