package org.popline.sip.registrar;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Random;
import java.util.TimeZone;
import javax.sip.InvalidArgumentException;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.sip.signalling.SipMessages;

/** The registrar's answers to REGISTER (RFC 3261 10.3, RFC 8760 2.4). */
final class RegisterResponses {
    private final SipMessages messages;
    private final HeaderFactory headers;
    private final String realm;
    private final List<DigestAlgorithm> algorithms;
    private final Nonces nonces;
    private final Random random = new Random();

    RegisterResponses(SipMessages messages, String realm, List<DigestAlgorithm> algorithms, Nonces nonces) {
        this.messages = messages;
        this.headers = messages.headers();
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.nonces = nonces;
    }

    /**
     * 401 with one challenge per algorithm, in the configured order (RFC 8760: the preferred one
     * first; a phone answers the first it supports), all with the same fresh nonce.
     */
    Response challenge(Request request, boolean stale) {
        Response r = response(Response.UNAUTHORIZED, request);
        String nonce = nonces.issue();
        try {
            for (DigestAlgorithm a : algorithms) {
                WWWAuthenticateHeader h = headers.createWWWAuthenticateHeader("Digest");
                h.setRealm(realm);
                h.setNonce(nonce);
                h.setAlgorithm(a.token());
                h.setQop("auth");
                if (stale) {
                    h.setParameter("stale", "true");
                }
                r.addHeader(h);
            }
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a challenge for realm " + realm, e);
        }
        return r;
    }

    /** 200 listing every current binding with the seconds it has left (RFC 3261 10.3 step 8). */
    Response ok(Request request, List<Binding> bindings, Instant now) {
        Response r = response(Response.OK, request);
        try {
            for (Binding b : bindings) {
                ContactHeader c = headers.createContactHeader(messages.addresses().createAddress(b.contact()));
                c.setExpires((int) Math.max(1, secondsLeft(b, now)));
                r.addHeader(c);
            }
            // RFC 3327 5.3: the Path recorded is returned, so the phone may check it
            for (ListIterator<?> path = request.getHeaders("Path"); path.hasNext(); ) {
                r.addHeader((Header) ((Header) path.next()).clone());
            }
            Calendar date = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
            date.setTimeInMillis(now.toEpochMilli());
            r.setHeader(headers.createDateHeader(date));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot list bindings in a 200", e);
        }
        return r;
    }

    /** 423 naming the shortest registration we accept (RFC 3261 10.3 step 7). */
    Response intervalTooBrief(Request request, Duration min) {
        Response r = response(Response.INTERVAL_TOO_BRIEF, request);
        try {
            r.setHeader(headers.createMinExpiresHeader((int) min.toSeconds()));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("bad Min-Expires " + min, e);
        }
        return r;
    }

    /** 403 Forbidden, the same whatever was wrong, so that it tells a guesser nothing. */
    Response forbidden(Request request) {
        return response(Response.FORBIDDEN, request);
    }

    Response status(Request request, int status, String reason) {
        return messages.withToTag(messages.response(status, request, reason), Long.toHexString(random.nextLong()));
    }

    /** RFC 3261 8.2.6.2: every final response carries a To tag. */
    private Response response(int status, Request request) {
        return messages.withToTag(messages.response(status, request), Long.toHexString(random.nextLong()));
    }

    private static long secondsLeft(Binding b, Instant now) {
        return (Duration.between(now, b.expiresAt()).toMillis() + 999) / 1000;
    }
}
