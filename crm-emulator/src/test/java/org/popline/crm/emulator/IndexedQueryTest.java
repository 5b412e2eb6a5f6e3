package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.emulator.generate.CrmGenerator;
import org.popline.crm.emulator.generate.GeneratedCrm;
import org.popline.crm.emulator.odata.EntityRecord;
import org.popline.crm.emulator.odata.EntityType;
import org.popline.crm.emulator.odata.FilterExpression;
import org.popline.crm.emulator.odata.FilterParser;
import org.popline.crm.emulator.odata.RecordFilter;

/**
 * The indexes only narrow: on a generated CRM, every filter answers exactly what a scan of every row answers, for
 * the phone searches the caller lookup sends and for random LIKE patterns ({@code % _ [..] [^..]}, any case) cut
 * from stored values.
 */
class IndexedQueryTest {

    private static final List<String> PHONES = List.of("telephone1", "mobilephone", "telephone2");
    private static final List<String> TEXT = List.of("telephone1", "mobilephone", "telephone2", "firstname",
            "lastname", "fullname");

    @TempDir
    static Path folder;

    private static GeneratedCrm crm;
    private static CrmStore store;

    @BeforeAll
    static void load() throws Exception {
        crm = CrmGenerator.generate(3, 3_000);
        Path seed = folder.resolve("generated.json");
        crm.writeSeed(seed);
        store = new CrmStore(Clock.systemUTC());
        new SeedLoader().load(seed, store);
    }

    @Test
    void phoneSearchesAnswerAsAFullScanAndLookAtFewRows() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            String digits = i % 4 == 0 ? randomDigits(random, 10) : digitsOf(randomPhone(random));
            String filter = phoneSearch(digits.substring(digits.length() - 7));
            int candidates = assertSameAsFullScan(EntityTypes.CONTACT, filter);
            // A number's own row and the odd one sharing its last seven digits: every term narrows to its
            // digits' places, not to a hundredth of the rows by the last two (which the emulator paid for in
            // milliseconds of CPU per lookup under load).
            assertTrue(candidates <= 5, "the index narrows " + filter + " to " + candidates + " rows");
        }
    }

    @Test
    void casesOfAContactAnswerAsAFullScan() {
        Random random = new Random(12);
        for (int i = 0; i < 100; i++) {
            String contact = crm.contacts().get(random.nextInt(crm.contacts().size())).id();
            assertSameAsFullScan(EntityTypes.INCIDENT, "_customerid_value eq " + contact + " and statecode eq 0");
            assertSameAsFullScan(EntityTypes.INCIDENT, "_customerid_value eq '" + contact.toUpperCase(Locale.ROOT)
                    + "' or statecode eq 1");
        }
    }

    @Test
    void randomLikePatternsAnswerAsAFullScan() {
        Random random = new Random(13);
        List<EntityRecord> rows = store.all(EntityTypes.CONTACT);
        String[] functions = {"contains", "startswith", "endswith"};
        for (int i = 0; i < 1_500; i++) {
            String column = TEXT.get(random.nextInt(TEXT.size()));
            String value = rows.get(random.nextInt(rows.size())).getString(column);
            if (value == null) {
                continue;
            }
            String pattern = mutate(random, cut(random, value));
            String term = functions[random.nextInt(3)] + "(" + column + ",'" + pattern.replace("'", "''") + "')";
            String filter = switch (random.nextInt(4)) {
                case 0 -> term;
                case 1 -> "not " + term;
                case 2 -> term + " and statecode eq 0";
                default -> term + " or fullname eq '" + value.toUpperCase(Locale.ROOT).replace("'", "''") + "'";
            };
            assertSameAsFullScan(EntityTypes.CONTACT, filter);
        }
    }

    /** Checks the indexed answer against the scan and returns how many rows the index left to look at. */
    private static int assertSameAsFullScan(EntityType type, String filter) {
        FilterExpression expression = FilterParser.parse(filter);
        Predicate<EntityRecord> matches = RecordFilter.compile(expression, type);
        List<EntityRecord> candidates = store.candidates(type, expression);
        List<EntityRecord> indexed = candidates.stream().filter(matches).toList();
        List<EntityRecord> scanned = store.all(type).stream().filter(matches).toList();
        assertEquals(ids(type, scanned), ids(type, indexed), filter);
        return candidates.size();
    }

    private static List<String> ids(EntityType type, List<EntityRecord> records) {
        return records.stream().map(r -> r.getString(type.keyColumn())).toList();
    }

    /** The shapes of the crm module's PhoneSearch: the tail anywhere, and ending in it with separators between. */
    private static String phoneSearch(String tail) {
        List<String> terms = new ArrayList<>();
        for (String column : PHONES) {
            terms.add("contains(" + column + ",'" + tail + "')");
            for (int split = 1; split < tail.length(); split++) {
                terms.add("endswith(" + column + ",'" + tail.substring(0, split) + "_" + tail.substring(split) + "')");
            }
            for (int split = 1; split <= 3; split++) {
                terms.add("endswith(" + column + ",'" + tail.substring(0, split) + "__" + tail.substring(split) + "')");
            }
            terms.add("endswith(" + column + ",'" + tail.charAt(0) + "_" + tail.substring(1, 3) + "_"
                    + tail.substring(3, 5) + "_" + tail.substring(5) + "')");
            terms.add("endswith(" + column + ",'" + tail.substring(0, 3) + "_" + tail.substring(3, 5) + "_"
                    + tail.substring(5) + "')");
        }
        return terms.stream().map(t -> "(" + t + ")").reduce((a, b) -> a + " or " + b).orElseThrow();
    }

    private static String randomPhone(Random random) {
        GeneratedCrm.Contact contact = crm.contacts().get(random.nextInt(crm.contacts().size()));
        List<GeneratedCrm.Phone> phones = new ArrayList<>(contact.phones().values());
        return phones.get(random.nextInt(phones.size())).written();
    }

    private static String digitsOf(String written) {
        return written.replaceAll("[^0-9]", "");
    }

    private static String randomDigits(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    private static String cut(Random random, String value) {
        int from = random.nextInt(value.length());
        int to = from + 1 + random.nextInt(value.length() - from);
        return random.nextBoolean() ? value.substring(from, to) : value.substring(0, to);
    }

    /** Flips case, and turns characters into wildcards that still match them, or (now and then) do not. */
    private static String mutate(Random random, String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            int roll = random.nextInt(20);
            if (roll == 0) {
                out.append('_');
            } else if (roll == 1) {
                out.append('%');
            } else if (roll == 2) {
                out.append('[').append(c).append(random.nextBoolean() ? "x]" : "]");
            } else if (roll == 3) {
                out.append("[^").append(c).append(']');
            } else if (roll == 4) {
                out.append("[0-9]");
            } else if (roll == 5) {
                out.append(Character.toUpperCase(c));
            } else if (roll == 6 && random.nextInt(4) == 0) {
                out.append('[');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
