package org.popline.crm.emulator.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.popline.crm.emulator.generate.GeneratedCrm.Case;
import org.popline.crm.emulator.generate.GeneratedCrm.Contact;
import org.popline.crm.emulator.generate.GeneratedCrm.Phone;
import org.popline.crm.emulator.generate.NumberStyles.Country;
import org.popline.crm.emulator.generate.NumberStyles.Number;

/**
 * Generates a CRM to try lookups at scale: contacts with one to three numbers each (business, mobile, home) in
 * mixed countries and notations, a few sharing a household line with another contact (an ambiguous number), and
 * one to five cases each. The same seed gives the same CRM.
 *
 * <p>{@code java -cp ... org.popline.crm.emulator.generate.CrmGenerator --contacts 100000 --out crm-100k.json
 * [--seed 1] [--callers callers.csv]}; the file is a seed for {@code crm.emulator.seed}, the callers file a
 * SIPp injection file of one known number per contact (for the load kit).
 */
public final class CrmGenerator {

    /** Share of contacts whose business line is another contact's too. */
    static final double SHARED_LINE = 0.002;
    private static final Instant NEWEST_CASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] FIRST = {"Anna", "Ben", "Carla", "David", "Elif", "Farid", "Grace", "Hugo",
        "Ines", "Jonas", "Kim", "Lena", "Marco", "Nora", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tara",
        "Umut", "Vera", "Wei", "Xenia", "Yusuf", "Zoe"};
    private static final String[] LAST = {"Schmidt", "Brown", "Garcia", "Dubois", "Rossi", "Novak", "Kowalski",
        "Yilmaz", "Chen", "Smith", "Müller", "Martin", "Jones", "Weber", "Lopez", "Bernard", "Fischer", "Taylor",
        "Meyer", "Wilson", "Moreau", "Keller", "Lee", "Hoffmann", "Ruiz", "O'Brien"};
    private static final String[] TITLES = {"Invoice question", "Router keeps rebooting", "Change of address",
        "Technician appointment", "Refund request", "Contract renewal", "No dial tone", "Password reset",
        "Slow connection", "Damaged delivery"};

    private CrmGenerator() {
    }

    public static GeneratedCrm generate(long seed, int contactCount) {
        if (contactCount < 1) {
            throw new IllegalArgumentException("at least one contact");
        }
        Random random = new Random(seed);
        Set<String> used = new HashSet<>();
        List<Contact> contacts = new ArrayList<>(contactCount);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < contactCount; i++) {
            String id = uuid(random);
            Map<String, Phone> phones = new LinkedHashMap<>();
            if (!contacts.isEmpty() && random.nextDouble() < SHARED_LINE) {
                Contact other = contacts.get(random.nextInt(contacts.size()));
                phones.put("telephone1", other.phones().get("telephone1"));
            } else {
                phones.put("telephone1", phone(random, used));
            }
            if (random.nextInt(10) < 6) {
                phones.put("mobilephone", phone(random, used));
            }
            if (random.nextInt(10) < 2) {
                phones.put("telephone2", phone(random, used));
            }
            contacts.add(new Contact(id, FIRST[random.nextInt(FIRST.length)], LAST[random.nextInt(LAST.length)],
                    phones));
            int caseCount = 1 + random.nextInt(5);
            for (int k = 0; k < caseCount; k++) {
                Instant created = NEWEST_CASE.minus(Duration.ofMinutes(random.nextInt(2 * 365 * 24 * 60)));
                cases.add(new Case(uuid(random), id, TITLES[random.nextInt(TITLES.length)],
                        random.nextInt(3) == 0 ? 1 : 0, 1 + random.nextInt(3), created));
            }
        }
        return new GeneratedCrm(contacts, cases);
    }

    /** A number no other contact has, in one of its country's notations. */
    private static Phone phone(Random random, Set<String> used) {
        while (true) {
            Country country = NumberStyles.country(random);
            Number number = new Number(country.code(), country.national().apply(random));
            if (used.add(number.e164())) {
                String written = country.styles().get(random.nextInt(country.styles().size())).apply(number);
                return new Phone(written, number.e164());
            }
        }
    }

    private static String uuid(Random random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--contacts") || !options.containsKey("--out")) {
            System.err.println("usage: CrmGenerator --contacts N --out FILE [--seed S] [--callers FILE]");
            System.exit(2);
        }
        int count = Integer.parseInt(options.get("--contacts"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
        GeneratedCrm crm = generate(seed, count);
        Path out = Path.of(options.get("--out"));
        crm.writeSeed(out);
        System.out.println("wrote " + crm.contacts().size() + " contacts and " + crm.cases().size() + " cases to "
                + out + " (seed " + seed + ")");
        if (options.containsKey("--callers")) {
            Path callers = Path.of(options.get("--callers"));
            crm.writeCallers(callers);
            System.out.println("wrote " + crm.callers().size() + " callers' numbers to " + callers);
        }
    }
}
