package org.popline.crm.dataverse;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a phone number stored as free text in the CRM ("(030) 123-4567",
 * "+49 (0)89 2345678", "0049 40 3456789") is the caller's number, whichever way the network
 * presented the caller (E.164, international without '+', with the 00 or 011 international prefix,
 * or national for the default region).
 *
 * <p>Both sides are read into every plausible (country code, national significant number) pair;
 * two numbers match when a pair of readings has the same national number and the same country, or
 * one side named no country (a number stored nationally, "(030) 123-4567", in a CRM whose default
 * region is elsewhere). A text that names a country through '+', 00 or 011 is read only that way, unless what
 * follows 00 or 011 is no possible international number: then the prefix was a trunk 0 and an area code.
 */
public final class PhoneMatcher {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** The "(0)" Germans, Swiss and Britons write between country code and area code: not dialled. */
  private static final Pattern TRUNK_IN_BRACKETS = Pattern.compile("\\(\\s*0\\s*\\)");
  /** Where an extension starts: "ext. 12", "x12", "#12". */
  private static final Pattern EXTENSION = Pattern.compile("(?i)\\s*(ext\\.?|extension|x|#).*$");

  private final String defaultRegion;

  /** @param defaultRegion ISO 3166 region assumed for numbers written without a country code */
  public PhoneMatcher(String defaultRegion) {
    this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    if (UTIL.getCountryCodeForRegion(this.defaultRegion) == 0) {
      throw new IllegalArgumentException("unknown phone region " + defaultRegion);
    }
  }

  /** A number reduced for comparison; countryCode is 0 when the text named no country. */
  record Key(int countryCode, String nationalNumber) {
    boolean sameNumber(Key other) {
      boolean countriesAgree =
          countryCode == 0 || other.countryCode == 0 || countryCode == other.countryCode;
      return countriesAgree && nationalNumber.equals(other.nationalNumber);
    }
  }

  /** The caller's number, prepared once per lookup. */
  public final class Caller {
    private final String digits;
    private final Set<Key> readings;

    private Caller(String ani) {
      this.digits = ani.replaceAll("[^0-9]", "");
      if (digits.isEmpty()) {
        throw new IllegalArgumentException("caller number has no digits");
      }
      this.readings = readingsOf(ani);
    }

    /** The last {@code n} digits (all of them if fewer), for narrowing the search server-side. */
    public String tail(int n) {
      return digits.substring(Math.max(0, digits.length() - n));
    }

    public String digits() {
      return digits;
    }

    /**
     * One key for every form of one number ("+49 30 1234567", "0049301234567", "49301234567"
     * all give "301234567"), so they share one cache entry; a reading that names a country wins.
     */
    public String cacheKey() {
      return readings.stream().filter(r -> r.countryCode != 0).findFirst()
          .orElse(readings.iterator().next()).nationalNumber;
    }

    public boolean matches(String stored) {
      if (stored == null || stored.chars().noneMatch(Character::isDigit)) {
        return false;
      }
      Set<Key> storedReadings = readingsOf(stored);
      return readings.stream().anyMatch(r -> storedReadings.stream().anyMatch(r::sameNumber));
    }
  }

  public Caller caller(String ani) {
    return new Caller(ani);
  }

  private Set<Key> readingsOf(String text) {
    String written = TRUNK_IN_BRACKETS.matcher(EXTENSION.matcher(text.trim()).replaceFirst(""))
        .replaceAll(" ").trim();
    String digits = written.replaceAll("[^0-9]", "");
    Set<Key> readings = new LinkedHashSet<>();
    Optional<String> international = internationalDigits(written, digits);
    if (international.isPresent() && !written.startsWith("+")
        && international(international.get()).filter(PhoneMatcher::possible).isEmpty()) {
      // "01 14 86 60 61" is French written nationally, not 011 and an impossible 48 66061
      international = Optional.empty();
    }
    if (international.isPresent()) {
      international(international.get()).ifPresent(readings::add);
      if (readings.isEmpty()) {
        readings.add(new Key(0, stripTrunkZero(international.get())));
      }
      return readings;
    }
    // National for the default region ("4155550100", "(415) 555-0100", "1-415-555-0100")
    national(digits).ifPresent(readings::add);
    // International with only the '+' dropped ("49892345678")
    // (a reading only counts if a stored number equals it, so it needs no further check)
    international(digits).ifPresent(readings::add);
    // National of some other country, with or without its trunk 0 ("(030) 123-4567")
    readings.add(new Key(0, stripTrunkZero(digits)));
    readings.add(new Key(0, digits));
    return readings;
  }

  /** The digits after '+', 00 or 011, when the text names its country that way. */
  private static Optional<String> internationalDigits(String written, String digits) {
    if (written.startsWith("+")) {
      return Optional.of(digits);
    }
    if (digits.startsWith("011") && digits.length() > 8) {
      return Optional.of(digits.substring(3));
    }
    if (digits.startsWith("00") && digits.length() > 7) {
      return Optional.of(digits.substring(2));
    }
    return Optional.empty();
  }

  private static Optional<Key> international(String digits) {
    return parse("+" + digits, "ZZ");
  }

  private Optional<Key> national(String digits) {
    return parse(digits, defaultRegion);
  }

  private static Optional<Key> parse(String text, String region) {
    try {
      PhoneNumber n = UTIL.parse(text, region);
      String national = UTIL.getNationalSignificantNumber(n);
      return national.isEmpty() ? Optional.empty() : Optional.of(new Key(n.getCountryCode(), national));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  private static boolean possible(Key key) {
    PhoneNumber n = new PhoneNumber().setCountryCode(key.countryCode())
        .setNationalNumber(Long.parseLong(key.nationalNumber()));
    return UTIL.isPossibleNumber(n);
  }

  private static String stripTrunkZero(String digits) {
    return digits.length() > 1 && digits.charAt(0) == '0' ? digits.substring(1) : digits;
  }
}
