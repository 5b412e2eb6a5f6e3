package org.popline.ivr.ani;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ways a person is likely to have typed the caller's number into a CRM, for a text search.
 *
 * <p>For +1 415 555 0100: "4155550100", "+14155550100", "(415) 555-0100", "+1 415-555-0100",
 * "415 555 0100", "415-555-0100", "415.555.0100", "415/555/0100" and "+1 415 555 0100"; for
 * +49 30 9876543 also "030/9876543" and "030 9876543". Every variant holds the whole national number,
 * so a search for it cannot hit a different number that merely ends the same way. The groups are
 * libphonenumber's: a number typed with other groups ("+34 91 123 45 67" where Spain's format is
 * "911 23 45 67") or other decorations ("+49 (0)89 ...", "0049 ...") is not among them.
 */
public final class PhoneVariants {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final List<String> SEPARATORS = List.of(" ", "-", ".", "/");

    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166 two-letter code of the region whose national format callers'
     *                      numbers arrive in when they carry no country code
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public PhoneVariants(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!PHONE_NUMBERS.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone number region \"" + defaultRegion + "\"");
        }
        this.defaultRegion = region;
    }

    /**
     * @return the distinct variants, most literal first; empty for a withheld, empty or unparseable ANI
     *         and for digits that cannot be a number of their country
     */
    public List<String> of(String ani) {
        Optional<PhoneNumber> parsed = parse(ani);
        if (parsed.isEmpty()) {
            return List.of();
        }
        PhoneNumber number = parsed.get();
        String national = PHONE_NUMBERS.format(number, PhoneNumberFormat.NATIONAL);
        String international = PHONE_NUMBERS.format(number, PhoneNumberFormat.INTERNATIONAL);
        Set<String> variants = new LinkedHashSet<>();
        variants.add(PHONE_NUMBERS.getNationalSignificantNumber(number));
        variants.add(PHONE_NUMBERS.format(number, PhoneNumberFormat.E164));
        variants.add(national);
        variants.add(international);
        List<String> nationalGroups = digitGroups(national);
        for (String separator : SEPARATORS) {
            variants.add(String.join(separator, nationalGroups));
        }
        variants.add("+" + String.join(" ", digitGroups(international)));
        return List.copyOf(variants);
    }

    /**
     * Some trunks put a '+' before a national number ("+4155550101"); when the digits after it are no
     * possible number of the country they would name, they are read as the default region's instead.
     */
    private Optional<PhoneNumber> parse(String ani) {
        if (ani == null || ani.isBlank()) {
            return Optional.empty();
        }
        String text = ani.trim();
        Optional<PhoneNumber> number = possible(text);
        if (number.isEmpty() && text.startsWith("+")) {
            number = possible(text.substring(1));
        }
        return number;
    }

    private Optional<PhoneNumber> possible(String text) {
        try {
            PhoneNumber number = PHONE_NUMBERS.parse(text, defaultRegion);
            // Possible rather than valid, as in AniStripper: the CRM may hold numbers from ranges newer than the metadata.
            return PHONE_NUMBERS.isPossibleNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> digitGroups(String formatted) {
        return Arrays.stream(formatted.split("[^0-9]+")).filter(group -> !group.isEmpty()).toList();
    }
}
