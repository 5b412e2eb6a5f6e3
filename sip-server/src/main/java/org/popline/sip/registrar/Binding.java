package org.popline.sip.registrar;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * Where one of an agent's phones can be reached, as its REGISTER said (RFC 3261 10: a binding of
 * the agent's address-of-record to a contact).
 *
 * @param contact      the Contact URI, where INVITEs for the agent go
 * @param transport    {@code udp} or {@code tcp}: how the REGISTER came
 * @param source       the address and port the REGISTER came from (behind NAT, the reachable one)
 * @param registeredAt when the phone last registered or refreshed this contact
 * @param expiresAt    when the binding ends unless refreshed
 * @param userAgent    the phone's User-Agent header; null when it sent none
 * @param callId       Call-ID of the REGISTER that made or last refreshed the binding
 * @param cseq         its CSeq number: a later REGISTER of the same Call-ID must count higher (RFC 3261 10.3)
 * @param path         the REGISTER's Path values (RFC 3327): sent as Route with every INVITE to the contact
 */
public record Binding(String contact, String transport, InetSocketAddress source, Instant registeredAt,
        Instant expiresAt, String userAgent, String callId, long cseq, List<String> path) {

    public Binding {
        path = List.copyOf(path);
    }
}
