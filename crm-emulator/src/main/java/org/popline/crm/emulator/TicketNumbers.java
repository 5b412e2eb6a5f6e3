package org.popline.crm.emulator;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Case numbers shaped like Dynamics' default auto-number: {@code CAS-01234-A1B2C3}, the middle part counting up. */
final class TicketNumbers {

    static final Pattern SHAPE = Pattern.compile("CAS-(\\d{5})-([A-Z0-9]{6})");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final AtomicInteger sequence = new AtomicInteger(1000);
    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return String.format("CAS-%05d-%s", sequence.incrementAndGet() % 100_000, suffix);
    }

    /** Keeps new numbers above seeded ones, so the newest case also has the highest number. */
    void observe(String ticketNumber) {
        Matcher m = SHAPE.matcher(ticketNumber);
        if (m.matches()) {
            int seen = Integer.parseInt(m.group(1));
            sequence.accumulateAndGet(seen, Math::max);
        }
    }
}
