package org.popline.crm.emulator.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated CRM: contacts whose numbers are written the many ways people type them, each with its true
 * E.164 number kept beside it (so recognition can be measured), and their cases.
 */
public record GeneratedCrm(List<Contact> contacts, List<Case> cases) {

    /** One phone column's value: the text as stored, and the number it means. */
    public record Phone(String written, String e164) { }

    public record Contact(String id, String firstName, String lastName, Map<String, Phone> phones) { }

    public record Case(String id, String contactId, String title, int state, int origin, Instant createdOn) { }

    /** Writes the seed file the emulator loads ({@code crm.emulator.seed}): contacts first, then cases. */
    public void writeSeed(Path file) throws IOException {
        try (JsonGenerator out = new ObjectMapper().getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("contacts");
            for (Contact c : contacts) {
                out.writeStartObject();
                out.writeStringField("contactid", c.id());
                out.writeStringField("firstname", c.firstName());
                out.writeStringField("lastname", c.lastName());
                for (Map.Entry<String, Phone> phone : c.phones().entrySet()) {
                    out.writeStringField(phone.getKey(), phone.getValue().written());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("incidents");
            for (Case k : cases) {
                out.writeStartObject();
                out.writeStringField("incidentid", k.id());
                out.writeStringField("title", k.title());
                out.writeStringField("_customerid_value", k.contactId());
                out.writeNumberField("statecode", k.state());
                out.writeNumberField("statuscode", k.state() == 0 ? 1 : 5);
                out.writeNumberField("caseorigincode", k.origin());
                out.writeStringField("createdon", k.createdOn().toString());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    /**
     * One caller per contact, in contact order: the E.164 number of the contact's first phone that no other
     * contact holds (a shared line is rightly ambiguous, so it would not show a recognised caller). Contacts
     * whose every number is shared are left out.
     */
    public List<String> callers() {
        Map<String, Integer> holders = new HashMap<>();
        for (Contact c : contacts) {
            c.phones().values().forEach(p -> holders.merge(p.e164(), 1, Integer::sum));
        }
        List<String> callers = new ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            c.phones().values().stream().map(Phone::e164).filter(n -> holders.get(n) == 1).findFirst()
                    .ifPresent(callers::add);
        }
        return callers;
    }

    /** Writes {@link #callers()} as a SIPp injection file ({@code -inf}): read in order, field 0 the number. */
    public void writeCallers(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("SEQUENTIAL\n");
            for (String number : callers()) {
                out.write(number);
                out.write(";\n");
            }
        }
    }
}
