package org.popline.crm.emulator.generate;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Real-looking numbers of a few countries, and the notations people type them in: with '+' or 00, spaces, dashes,
 * dots, slashes, parentheses, a "(0)" trunk prefix, national with the trunk 0, grouped in pairs.
 */
final class NumberStyles {

    /** A number: country code and national significant number (digits only). */
    record Number(String countryCode, String national) {
        String e164() {
            return "+" + countryCode + national;
        }
    }

    /** One country: how to draw a valid number, and the notations for it. */
    record Country(String code, int weight, Function<Random, String> national, List<Function<Number, String>> styles) {
    }

    private static final String[] US_AREAS = {"212", "213", "305", "312", "404", "415", "512", "617", "646", "650",
        "702", "713", "206", "303", "718"};
    private static final String[] DE_AREAS = {"30", "40", "89", "221", "69", "711", "211", "341"};
    private static final String[] DE_MOBILE = {"151", "160", "170", "171", "172", "176", "1520"};

    static final List<Country> COUNTRIES = List.of(
            new Country("1", 50, r -> pick(r, US_AREAS) + (2 + r.nextInt(8)) + digits(r, 1) + (2 + r.nextInt(8))
                    + digits(r, 4), List.of(
                    n -> "+1 (" + part(n, 0, 3) + ") " + part(n, 3, 6) + "-" + part(n, 6, 10),
                    n -> "(" + part(n, 0, 3) + ") " + part(n, 3, 6) + "-" + part(n, 6, 10),
                    n -> part(n, 0, 3) + "-" + part(n, 3, 6) + "-" + part(n, 6, 10),
                    n -> part(n, 0, 3) + "." + part(n, 3, 6) + "." + part(n, 6, 10),
                    n -> n.national(),
                    n -> n.e164(),
                    n -> "1-" + part(n, 0, 3) + "-" + part(n, 3, 6) + "-" + part(n, 6, 10),
                    n -> "+1 " + part(n, 0, 3) + " " + part(n, 3, 6) + " " + part(n, 6, 10),
                    n -> "1" + n.national())),
            new Country("49", 25, r -> r.nextInt(3) == 0 ? pick(r, DE_MOBILE) + digits(r, 7)
                    : areaAndSubscriber(r), List.of(
                    n -> "+49 " + german(n),
                    n -> "+49 (0)" + german(n),
                    n -> "0" + german(n),
                    n -> "0" + german(n).replace(' ', '/'),
                    n -> "0049 " + german(n),
                    n -> n.e164(),
                    n -> "0" + germanArea(n) + " " + pairsFromEnd(germanSubscriber(n)),
                    n -> "(0" + germanArea(n) + ") " + germanSubscriber(n))),
            new Country("44", 8, r -> r.nextBoolean() ? "20" + (3 + r.nextInt(6)) + digits(r, 7)
                    : "7" + (4 + r.nextInt(6)) + digits(r, 8), List.of(
                    n -> "+44 " + british(n),
                    n -> "0" + british(n),
                    n -> "+44 (0)" + british(n),
                    n -> "0044 " + british(n))),
            new Country("33", 8, r -> (1 + r.nextInt(7)) + digits(r, 8), List.of(
                    n -> "+33 " + n.national().charAt(0) + " " + pairsFromEnd(n.national().substring(1)),
                    n -> "0" + n.national().charAt(0) + " " + pairsFromEnd(n.national().substring(1)),
                    n -> ("0" + n.national().charAt(0) + " " + pairsFromEnd(n.national().substring(1)))
                            .replace(' ', '.'),
                    n -> "0033 " + n.national())),
            new Country("34", 5, r -> "91" + digits(r, 7), List.of(
                    n -> "+34 " + part(n, 0, 2) + " " + part(n, 2, 5) + " " + part(n, 5, 7) + " " + part(n, 7, 9),
                    n -> part(n, 0, 3) + " " + part(n, 3, 5) + " " + part(n, 5, 7) + " " + part(n, 7, 9),
                    n -> "0034" + n.national())),
            new Country("41", 4, r -> (r.nextBoolean() ? "44" : "79") + (2 + r.nextInt(8)) + digits(r, 6), List.of(
                    n -> "+41 " + part(n, 0, 2) + " " + part(n, 2, 5) + " " + part(n, 5, 7) + " " + part(n, 7, 9),
                    n -> "0" + part(n, 0, 2) + " " + part(n, 2, 5) + " " + part(n, 5, 7) + " " + part(n, 7, 9),
                    n -> "+41 (0)" + part(n, 0, 2) + " " + part(n, 2, 5) + " " + part(n, 5, 7) + " "
                            + part(n, 7, 9))));

    private NumberStyles() {
    }

    static Country country(Random r) {
        int total = COUNTRIES.stream().mapToInt(Country::weight).sum();
        int at = r.nextInt(total);
        for (Country c : COUNTRIES) {
            at -= c.weight();
            if (at < 0) {
                return c;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static String areaAndSubscriber(Random r) {
        String area = pick(r, DE_AREAS);
        // the area code's length plus the subscriber's makes 10 or 11 digits, as in the real plan
        return area + (2 + r.nextInt(8)) + digits(r, (area.length() == 2 ? 7 : 6) - r.nextInt(2));
    }

    private static String germanArea(Number n) {
        String national = n.national();
        for (String mobile : DE_MOBILE) {
            if (national.startsWith(mobile) && national.length() == mobile.length() + 7) {
                return mobile;
            }
        }
        for (String area : DE_AREAS) {
            if (national.startsWith(area)) {
                return area;
            }
        }
        return national.substring(0, 2);
    }

    private static String germanSubscriber(Number n) {
        return n.national().substring(germanArea(n).length());
    }

    private static String german(Number n) {
        return germanArea(n) + " " + germanSubscriber(n);
    }

    private static String british(Number n) {
        String national = n.national();
        return national.startsWith("2") ? part(n, 0, 2) + " " + part(n, 2, 6) + " " + part(n, 6, 10)
                : part(n, 0, 4) + " " + part(n, 4, 10);
    }

    /** "1234567" as "1 23 45 67": pairs counted from the end, the French and Swiss way. */
    static String pairsFromEnd(String digits) {
        StringBuilder out = new StringBuilder();
        int first = digits.length() % 2;
        if (first == 1) {
            out.append(digits.charAt(0));
        }
        for (int i = first; i < digits.length(); i += 2) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(digits, i, i + 2);
        }
        return out.toString();
    }

    private static String part(Number n, int from, int to) {
        return n.national().substring(from, to);
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static String digits(Random r, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + r.nextInt(10)));
        }
        return out.toString();
    }
}
