package org.popline.crm.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.dataverse.CallerAnswer;
import org.popline.crm.dataverse.Contact;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.dataverse.DataverseSettings;
import org.popline.crm.dataverse.LookupResult;
import org.popline.crm.emulator.DataverseEmulator;
import org.popline.crm.emulator.EmulatorSettings;
import org.popline.crm.emulator.generate.CrmGenerator;
import org.popline.crm.emulator.generate.GeneratedCrm;

/**
 * Measures recognition: every number of its own a contact has is presented the ways networks
 * present caller IDs, and the one caller lookup must find that contact, through the emulator's Web
 * API, with the cache off so every lookup is paid in full. Prints one table per seed.
 *
 * <p>The generated CRM's size and the callers sampled from it are bounded by
 * {@code -Dpopline.recognition.contacts} (default 10,000) and {@code -Dpopline.recognition.callers}
 * (default 400); the README's figures are also from 100,000 contacts and 1,000 callers.
 */
class CallerRecognitionTest {
  private static final String SECRET_VARIABLE = "POPLINE_RECOGNITION_SECRET";
  private static final String SECRET = "recognition-lab-secret";
  private static final List<String> FORMS =
      List.of("E.164", "international without +", "00 / 011 prefix", "national (US)");

  @TempDir
  Path folder;

  /** A number and the contact it belongs to. */
  private record Owned(String contactId, String countryCode, String national) {}

  @Test
  void demoSeedEveryContactWithANumberOfItsOwnIsFoundInEveryForm() throws Exception {
    JsonNode seed = new ObjectMapper().readTree(Files.readString(Path.of("../conf/crm-seed.json")));
    List<Owned> numbers = new ArrayList<>();
    for (JsonNode contact : seed.get("contacts")) {
      for (String column : List.of("telephone1", "mobilephone", "telephone2")) {
        if (contact.hasNonNull(column)) {
          String[] number = demoTruth(contact.get(column).asText());
          numbers.add(new Owned(contact.get("contactid").asText(), number[0], number[1]));
        }
      }
    }
    Tally tally = measure(Path.of("../conf/crm-seed.json"), ownNumbers(numbers));
    tally.print("demo seed (conf/crm-seed.json)");
    for (String form : FORMS) {
      assertEquals(tally.tried(form), tally.found(form), form + " on the demo seed");
    }
    assertTrue(tally.maxRequests <= 2, "at most two Web API requests per lookup");
  }

  @Test
  void generatedCrmRecognisesAtLeast999PerMilleOfE164Callers() throws Exception {
    int contacts = Integer.getInteger("popline.recognition.contacts", 10_000);
    int callers = Integer.getInteger("popline.recognition.callers", 400);
    GeneratedCrm crm = CrmGenerator.generate(1, contacts);
    Path seed = folder.resolve("generated.json");
    crm.writeSeed(seed);
    List<Owned> numbers = new ArrayList<>();
    for (GeneratedCrm.Contact c : crm.contacts()) {
      c.phones().values().forEach(p -> {
        String cc = countryCode(p.e164());
        numbers.add(new Owned(c.id(), cc, p.e164().substring(1 + cc.length())));
      });
    }
    List<Owned> own = ownNumbers(numbers);
    Collections.shuffle(own, new Random(7));
    Tally tally = measure(seed, own.subList(0, Math.min(callers, own.size())));
    tally.print("generated CRM, " + contacts + " contacts, " + crm.cases().size() + " cases, "
        + tally.tried("E.164") + " callers");
    assertTrue(tally.found("E.164") * 1000L >= tally.tried("E.164") * 999L,
        "at least 99.9 % of E.164 callers found: " + tally.found("E.164") + " of " + tally.tried("E.164"));
    assertTrue(tally.maxRequests <= 2, "at most two Web API requests per lookup");
  }

  private Tally measure(Path seed, List<Owned> numbers) throws Exception {
    Tally tally = new Tally();
    try (DataverseEmulator emulator = DataverseEmulator.start(EmulatorSettings.builder()
        .tlsFolder(folder.resolve("tls")).seedFile(seed).tenant("lab").clientId("popline")
        .clientSecret(SECRET).build())) {
      URI root = URI.create(emulator.baseUrl());
      DataverseSettings settings = DataverseSettings.of(root, root, "lab", "popline", SECRET_VARIABLE)
          .withTrustStore(emulator.certificate().pemFile(), null)
          .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20))
          .withCache(Duration.ZERO, Duration.ZERO, 0);
      try (DataverseClient client =
          DataverseClient.create(settings, Map.of(SECRET_VARIABLE, SECRET)::get, Clock.systemUTC())) {
        for (Owned number : numbers) {
          for (Map.Entry<String, List<String>> form : forms(number).entrySet()) {
            for (String ani : form.getValue()) {
              long before = client.webApiRequests();
              long started = System.nanoTime();
              CallerAnswer answer = client.findCaller(ani);
              tally.count(form.getKey(), answer, number.contactId(),
                  client.webApiRequests() - before, System.nanoTime() - started);
            }
          }
        }
      }
    }
    return tally;
  }

  private static Map<String, List<String>> forms(Owned n) {
    Map<String, List<String>> forms = new LinkedHashMap<>();
    forms.put("E.164", List.of("+" + n.countryCode() + n.national()));
    forms.put("international without +", List.of(n.countryCode() + n.national()));
    forms.put("00 / 011 prefix", n.countryCode().equals("1")
        ? List.of("011" + n.countryCode() + n.national()) : List.of("00" + n.countryCode() + n.national()));
    if (n.countryCode().equals("1")) {
      forms.put("national (US)", List.of(n.national()));
    }
    return forms;
  }

  /** Numbers held by one contact only: a shared line is rightly ambiguous, not recognised. */
  private static List<Owned> ownNumbers(List<Owned> numbers) {
    Map<String, Long> holders = new HashMap<>();
    numbers.forEach(n -> holders.merge(n.countryCode() + n.national(), 1L, Long::sum));
    return new ArrayList<>(numbers.stream()
        .filter(n -> holders.get(n.countryCode() + n.national()) == 1).toList());
  }

  /**
   * The demo seed's truth: numbers with '+' or 00 say their country; the ones written nationally
   * with a trunk 0 are German, the rest American (as the seed's names and cases tell).
   */
  private static String[] demoTruth(String written) {
    String digits = written.replace("(0)", "").replaceAll("[^0-9]", "");
    if (written.startsWith("+") || digits.startsWith("00")) {
      String international = digits.startsWith("00") ? digits.substring(2) : digits;
      String cc = countryCode("+" + international);
      return new String[] {cc, international.substring(cc.length())};
    }
    if (digits.startsWith("0")) {
      return new String[] {"49", digits.substring(1)};
    }
    return new String[] {"1", digits.startsWith("1") ? digits.substring(1) : digits};
  }

  private static String countryCode(String e164) {
    var util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
    try {
      return Integer.toString(util.parse(e164, "ZZ").getCountryCode());
    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
      throw new IllegalArgumentException("not an international number: " + e164, e);
    }
  }

  private static final class Tally {
    final Map<String, int[]> byForm = new LinkedHashMap<>();
    final List<String> misses = new ArrayList<>();
    long lookups;
    long requests;
    long maxRequests;
    long nanos;

    void count(String form, CallerAnswer answer, String expectedId, long requestsUsed, long took) {
      int[] cell = byForm.computeIfAbsent(form, f -> new int[2]);
      cell[0]++;
      if (answer.contact() instanceof LookupResult.Found<Contact> found
          && found.value().id().equals(expectedId)) {
        cell[1]++;
      } else if (misses.size() < 10) {
        misses.add(form + " " + expectedId + ": " + answer.contact());
      }
      lookups++;
      requests += requestsUsed;
      maxRequests = Math.max(maxRequests, requestsUsed);
      nanos += took;
    }

    int tried(String form) {
      return byForm.getOrDefault(form, new int[2])[0];
    }

    int found(String form) {
      return byForm.getOrDefault(form, new int[2])[1];
    }

    void print(String title) {
      StringBuilder out = new StringBuilder("\nRecognition, " + title + "\n| caller ID form | found |\n|---|---|\n");
      byForm.forEach((form, cell) -> out.append(String.format("| %s | %d of %d (%.2f %%) |%n", form, cell[1],
          cell[0], 100.0 * cell[1] / cell[0])));
      out.append(String.format("Web API requests per lookup: %.2f on average, %d at most; %.1f ms per lookup%n",
          (double) requests / lookups, maxRequests, nanos / 1e6 / lookups));
      misses.forEach(m -> out.append("  missed ").append(m).append('\n'));
      System.out.println(out);
    }
  }
}
