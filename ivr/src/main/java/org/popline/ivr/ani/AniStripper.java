package org.popline.ivr.ani;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the caller's number (ANI) into the form the CRM stores: the national significant number,
 * without {@code +}, country code, international prefix or national trunk prefix.
 *
 * <p>With default region DE, "+49301234567", "0049301234567" and "030 1234567" all become
 * "301234567"; with US, "+14155550100" and "4155550100" become "4155550100". A number from another
 * country than the default region also loses its country code: "+33142685300" becomes "142685300"
 * whatever the region, because the CRM lookup is a "contains" search on the stored number and a
 * foreign caller's national number is what a local agent would have typed in.
 *
 * <p>Leading zeros that belong to the number itself (Italian fixed lines) are kept.
 */
public final class AniStripper {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166 two-letter code of the region whose national format callers'
     *                      numbers arrive in when they carry no country code, e.g. "DE" or "US"
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public AniStripper(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!PHONE_NUMBERS.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone number region \"" + defaultRegion + "\"");
        }
        this.defaultRegion = region;
    }

    /**
     * @return the national significant number, or empty for a withheld ("anonymous"), empty or
     *         unparseable ANI and for digits too short or too long for a number of their country
     *         (libphonenumber's possible lengths: Germany allows two digits, the US needs seven); never throws
     */
    public Optional<String> strip(String ani) {
        if (ani == null || ani.isBlank()) {
            return Optional.empty();
        }
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(ani, defaultRegion);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
        // Possible rather than valid: the CRM may hold numbers from ranges newer than the metadata.
        if (!PHONE_NUMBERS.isPossibleNumber(number)) {
            return Optional.empty();
        }
        return Optional.of(PHONE_NUMBERS.getNationalSignificantNumber(number));
    }
}
