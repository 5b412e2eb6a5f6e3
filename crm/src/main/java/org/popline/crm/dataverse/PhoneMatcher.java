package org.popline.crm.dataverse;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a phone number stored as free text in the CRM ("(030) 123-4567",
 * "+49 30 1234567", "0049301234567") is the caller's number. Both sides are reduced to national
 * significant numbers; the country codes are compared only when both sides state one, because
 * the reference flow strips the caller's country code before the lookup.
 */
public final class PhoneMatcher {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private final String defaultRegion;
  private final int defaultCountryCode;

  /** @param defaultRegion ISO 3166 region assumed for numbers written without a country code */
  public PhoneMatcher(String defaultRegion) {
    this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    this.defaultCountryCode = UTIL.getCountryCodeForRegion(this.defaultRegion);
    if (defaultCountryCode == 0) {
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
      this.readings = readingsOf(ani.trim(), digits);
    }

    /** The last {@code n} digits (all of them if fewer), for narrowing the search server-side. */
    public String tail(int n) {
      return digits.substring(Math.max(0, digits.length() - n));
    }

    public String digits() {
      return digits;
    }

    /**
     * The national significant number, so "301234567", "0301234567" and "+49 30 1234567" share
     * one cache entry; a reading with a stated country code is preferred.
     */
    public String cacheKey() {
      return readings.stream().filter(r -> r.countryCode != 0).findFirst()
          .orElse(readings.iterator().next()).nationalNumber;
    }

    public boolean matches(String stored) {
      if (stored == null || stored.isBlank()) {
        return false;
      }
      Optional<Key> key = keyOf(stored);
      if (key.isPresent()) {
        return readings.stream().anyMatch(r -> r.sameNumber(key.get()));
      }
      String storedDigits = stripLeadingZeros(stored.replaceAll("[^0-9]", ""));
      return readings.stream().anyMatch(r -> r.nationalNumber.equals(storedDigits));
    }
  }

  public Caller caller(String ani) {
    return new Caller(ani);
  }

  /**
   * An ANI without '+' may still begin with the country code ("49301234567" when only the '+' was
   * stripped); libphonenumber keeps those digits as part of the national number for regions with
   * variable-length numbers, so that reading is added explicitly.
   */
  private Set<Key> readingsOf(String ani, String digits) {
    Set<Key> readings = new LinkedHashSet<>();
    boolean international = ani.startsWith("+");
    keyOf(international ? "+" + digits : digits)
        .map(k -> international ? k : new Key(0, k.nationalNumber))
        .ifPresent(readings::add);
    String cc = Integer.toString(defaultCountryCode);
    if (!international && digits.startsWith(cc) && digits.length() > cc.length() + 4) {
      keyOf("+" + digits).ifPresent(readings::add);
    }
    if (readings.isEmpty()) {
      readings.add(new Key(0, stripLeadingZeros(digits)));
    }
    return readings;
  }

  private Optional<Key> keyOf(String text) {
    try {
      PhoneNumber n = UTIL.parseAndKeepRawInput(text, defaultRegion);
      String national = UTIL.getNationalSignificantNumber(n);
      if (national.isEmpty()) {
        return Optional.empty();
      }
      boolean explicit = n.getCountryCodeSource() != PhoneNumber.CountryCodeSource.FROM_DEFAULT_COUNTRY;
      return Optional.of(new Key(explicit ? n.getCountryCode() : 0, national));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  private static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
