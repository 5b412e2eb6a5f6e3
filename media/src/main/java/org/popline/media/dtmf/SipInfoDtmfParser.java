package org.popline.media.dtmf;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the key press in the body of a SIP INFO, the fallback for phones that send no
 * RFC 4733 events. Two bodies are in use, neither of them standardised:
 * {@code application/dtmf-relay} ({@code Signal=5} and {@code Duration=160} lines, in ms)
 * and {@code application/dtmf} (the digit alone). Both are read leniently as phones write
 * them: any case for keys, spaces around values, CRLF or LF, and a signal given either as
 * the digit or as its telephone-event code (Asterisk sends {@code 10} for '*').
 */
public final class SipInfoDtmfParser {

    public static final String DTMF_RELAY = "application/dtmf-relay";
    public static final String DTMF = "application/dtmf";

    private static final int FLASH_EVENT = 16;
    private static final int MAX_QUOTED_BODY = 60;

    private SipInfoDtmfParser() {
    }

    /** Whether a body of this Content-Type (parameters allowed) carries DTMF we read. */
    public static boolean accepts(String contentType) {
        String mediaType = mediaType(contentType);
        return mediaType.equals(DTMF_RELAY) || mediaType.equals(DTMF);
    }

    /**
     * @return the digit, or empty for a signal that is no digit (hook flash)
     * @throws IllegalArgumentException for another Content-Type or a body that holds no signal
     */
    public static Optional<DtmfDigit> parse(String contentType, String body) {
        String mediaType = mediaType(contentType);
        if (body == null) {
            throw new IllegalArgumentException(mediaType + " INFO has no body");
        }
        if (mediaType.equals(DTMF_RELAY)) {
            return parseRelay(body);
        }
        if (mediaType.equals(DTMF)) {
            return signal(body.strip(), 0, body);
        }
        throw new IllegalArgumentException("not a DTMF Content-Type: " + contentType);
    }

    private static Optional<DtmfDigit> parseRelay(String body) {
        String signal = null;
        int durationMillis = 0;
        for (String line : body.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(equals + 1).strip();
            if (key.equals("signal")) {
                if (signal != null) {
                    throw invalid("more than one Signal line", body);
                }
                signal = value;
            } else if (key.equals("duration")) {
                durationMillis = duration(value, body);
            }
        }
        if (signal == null) {
            throw invalid("no Signal line", body);
        }
        return signal(signal, durationMillis, body);
    }

    private static int duration(String value, String body) {
        if (!value.matches("\\d{1,9}")) {
            throw invalid("Duration is not a number of milliseconds", body);
        }
        return Integer.parseInt(value);
    }

    private static Optional<DtmfDigit> signal(String value, int durationMillis, String body) {
        if (value.equals("!")) {
            return Optional.empty();
        }
        if (value.length() == 1 && "0123456789*#ABCDabcd".indexOf(value.charAt(0)) >= 0) {
            char digit = Character.toUpperCase(value.charAt(0));
            return Optional.of(new DtmfDigit(digit, durationMillis, DtmfDigit.Source.SIP_INFO));
        }
        if (value.matches("1[0-6]")) {
            int event = Integer.parseInt(value);
            return event == FLASH_EVENT ? Optional.empty()
                    : Optional.of(new DtmfDigit(DtmfDigit.forEvent(event).orElseThrow(), durationMillis,
                            DtmfDigit.Source.SIP_INFO));
        }
        throw invalid("signal '" + quote(value) + "' is not a DTMF digit or event code", body);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            throw new IllegalArgumentException("INFO has no Content-Type");
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException invalid(String problem, String body) {
        return new IllegalArgumentException("DTMF INFO body: " + problem + " in \"" + quote(body) + "\"");
    }

    // Bodies come from the network: keep the message one line and short.
    private static String quote(String text) {
        String shown = text.length() > MAX_QUOTED_BODY ? text.substring(0, MAX_QUOTED_BODY) + "..." : text;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }
}
