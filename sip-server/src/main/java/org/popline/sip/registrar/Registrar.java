package org.popline.sip.registrar;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.sip.registrar.BindingTable.ContactUpdate;
import org.popline.sip.registrar.RegisterRequest.RequestedContact;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.popline.sip.signalling.SourceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' phones register here (RFC 3261 10.3 with digest authentication): the registrar keeps
 * where each agent can be reached, tells {@link RegistrationListener}s when an agent becomes
 * reachable or unreachable, and answers the dialer's question where to ring an agent
 * ({@link #bindings}). Addresses that guess passwords are locked out.
 */
public final class Registrar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    /** How long a challenge may be answered; an older nonce earns a new challenge marked stale. */
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);
    /** REGISTERs waiting for a check against a remote security state; more are answered 503 at once. */
    private static final int MAX_WAITING_CHECKS = 1000;

    private final RegistrarConfig config;
    private final List<String> agentIds = new ArrayList<>();
    private final Clock clock;
    private final Responder responder;
    private final RegisterResponses responses;
    private final Authenticator authenticator;
    private final NonceCounts nonceCounts;
    private final Lockouts<InetAddress> lockout;
    private final RegistrarSecurity security;
    /** Where REGISTERs are handled: the SIP thread itself, or with a remote security state threads of its own. */
    private final ExecutorService checks;
    private final ContactPolicy contactPolicy;
    private final BindingTable table;
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    /** Runs expiry and tells listeners, one thing at a time and in order. */
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registrar");
        t.setDaemon(true);
        return t;
    });

    public Registrar(RegistrarConfig config, List<AgentAccount> agents, SipMessages messages, Responder responder) {
        this(config, agents, messages, responder, RegistrarSecurity.local(), Clock.systemUTC());
    }

    /** @param security where nonce keys, nonce counts and lockouts are kept: shared by a cluster's nodes */
    public Registrar(RegistrarConfig config, List<AgentAccount> agents, SipMessages messages, Responder responder,
            RegistrarSecurity security) {
        this(config, agents, messages, responder, security, Clock.systemUTC());
    }

    Registrar(RegistrarConfig config, List<AgentAccount> agents, SipMessages messages, Responder responder,
            RegistrarSecurity security, Clock clock) {
        this.config = config;
        agents.forEach(a -> agentIds.add(a.id()));
        this.clock = clock;
        this.responder = responder;
        Nonces nonces = new Nonces(security.nonceKey(), NONCE_LIFETIME, clock);
        this.nonceCounts = security.nonceCounts(NONCE_LIFETIME, clock);
        this.responses = new RegisterResponses(messages, config.realm(), config.algorithms(), nonces);
        this.authenticator = new Authenticator(config.realm(), config.algorithms(),
                new AgentCredentials(config.realm(), agents), nonces, nonceCounts, messages.addresses());
        this.lockout = security.lockouts(config, clock);
        this.security = security;
        this.checks = security.remote() ? new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING_CHECKS), r -> {
                    Thread t = new Thread(r, "registrar-checks");
                    t.setDaemon(true);
                    return t;
                }) : null;
        this.contactPolicy = new ContactPolicy(config.trustedProxies(), config.foreignContacts());
        this.table = new BindingTable(t -> thread.execute(() -> tell(t)));
        log.info("registrar: {} agents in realm '{}', digest {}", agents.size(), config.realm(),
                config.algorithms().stream().map(DigestAlgorithm::token).toList());
        thread.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void addListener(RegistrationListener listener) {
        listeners.add(listener);
    }

    /** Where the agent's phones can be reached now, most recently registered first; empty when nowhere. */
    public List<Binding> bindings(String agentId) {
        return table.bindings(agentId, clock.instant());
    }

    /** Every configured agent's bindings and the locked-out addresses, for {@code GET /registrations}. */
    public Registrations registrations() {
        Instant now = clock.instant();
        Map<String, List<Binding>> agents = new LinkedHashMap<>();
        for (String id : agentIds) {
            agents.put(id, table.bindings(id, now));
        }
        return new Registrations(agents, lockout.lockouts());
    }

    /** Handles a REGISTER; called on a SIP thread, so nothing waits for a remote security state here. */
    public void onRegister(RequestEvent event) {
        if (checks == null) {
            handle(event);
            return;
        }
        try {
            checks.execute(() -> handle(event));
        } catch (RejectedExecutionException e) {
            log.warn("REGISTER refused with 503: {} REGISTERs already wait for their check", MAX_WAITING_CHECKS);
            responder.respondStatelessly(responses.status(event.getRequest(), Response.SERVICE_UNAVAILABLE,
                    "Too many registrations at once"));
        }
    }

    private void handle(RequestEvent event) {
        Request request = event.getRequest();
        InetAddress source = SourceAddress.of(request);
        if (lockout.refuses(source)) {
            responder.respondStatelessly(responses.forbidden(request));
            return;
        }
        RegisterRequest register;
        try {
            register = RegisterRequest.of(request);
        } catch (RegisterRequest.Invalid e) {
            log.info("REGISTER from {} refused with 400: {}", source.getHostAddress(), e.getMessage());
            responder.respond(event, responses.status(request, Response.BAD_REQUEST, e.getMessage()));
            return;
        }
        Authenticator.Verdict verdict = authenticator.check(request);
        if (verdict instanceof Authenticator.Challenge c) {
            log.debug("REGISTER from {} challenged: {}", address(register.source()), c.why());
            responder.respond(event, responses.challenge(request, c.stale()));
        } else if (verdict instanceof Authenticator.Refused f) {
            log.info("REGISTER from {} as '{}' refused with {}: {}", address(register.source()),
                    f.username() == null ? "" : f.username(), f.status(), f.why());
            lockout.failed(source);
            responder.respond(event, f.status() == Response.FORBIDDEN ? responses.forbidden(request)
                    : responses.status(request, f.status(), f.why()));
        } else {
            lockout.succeeded(source);
            responder.respond(event, register(request, register, ((Authenticator.Accepted) verdict).agent()));
        }
    }

    /** RFC 3261 10.3 steps 5 to 8, once the phone has proved who it is. */
    private Response register(Request request, RegisterRequest register, AgentCredentials.Agent agent) {
        if (!register.user().equals(agent.sipUser())) {
            log.info("{} may not register the address of '{}'", agent.sipUser(), register.user());
            return responses.forbidden(request);
        }
        var foreign = contactPolicy.refusal(register, request.getHeader("Path") != null);
        if (foreign.isPresent()) {
            log.info("{}: REGISTER refused with 403: {}", agent.agentId(), foreign.get());
            return responses.status(request, Response.FORBIDDEN, foreign.get());
        }
        List<ContactUpdate> updates = new ArrayList<>();
        for (RequestedContact c : register.contacts()) {
            int expires = c.expires().orElse(register.expires().orElse((int) config.defaultExpires().toSeconds()));
            if (expires > 0 && expires < config.minExpires().toSeconds()) {
                log.info("{} asked for {}s, less than the {}s minimum", agent.agentId(), expires,
                        config.minExpires().toSeconds());
                return responses.intervalTooBrief(request, config.minExpires());
            }
            updates.add(new ContactUpdate(c.uri(), (int) Math.min(expires, config.maxExpires().toSeconds())));
        }
        Instant now = clock.instant();
        BindingTable.Outcome outcome = table.apply(agent.agentId(), register, updates, now);
        if (outcome instanceof BindingTable.OutOfOrder o) {
            log.info("{}: REGISTER CSeq {} is not above {} of the same Call-ID for {}; nothing changed",
                    agent.agentId(), register.cseq(), o.binding().cseq(), o.binding().contact());
            return responses.status(request, Response.SERVER_INTERNAL_ERROR, "CSeq out of order");
        }
        if (outcome instanceof BindingTable.TooManyContacts) {
            log.info("{}: more than {} contacts refused", agent.agentId(), BindingTable.MAX_CONTACTS);
            return responses.status(request, Response.FORBIDDEN,
                    "Too many contacts (at most " + BindingTable.MAX_CONTACTS + ")");
        }
        BindingTable.Applied applied = (BindingTable.Applied) outcome;
        applied.changes().forEach(Registrar::logChange);
        return responses.ok(request, applied.bindings(), now);
    }

    private void sweep() {
        try {
            table.expire(clock.instant()).forEach(Registrar::logChange);
            nonceCounts.forgetStale();
            lockout.forgetQuietSources();
        } catch (RuntimeException e) {
            log.error("registrar sweep failed", e);
        }
    }

    private void tell(BindingTable.Transition t) {
        for (RegistrationListener l : listeners) {
            try {
                if (t.registered()) {
                    l.registered(t.agentId());
                } else {
                    l.unregistered(t.agentId());
                }
            } catch (RuntimeException e) {
                log.error("registration listener failed on {}", t, e);
            }
        }
    }

    private static void logChange(BindingTable.Change c) {
        Binding b = c.binding();
        switch (c.kind()) {
            case ADDED -> log.info("{} registered {} ({} from {}, {}) until {}", c.agentId(), b.contact(),
                    b.transport(), address(b.source()), b.userAgent() == null ? "no User-Agent" : b.userAgent(),
                    b.expiresAt());
            case REFRESHED -> log.debug("{} refreshed {} until {}", c.agentId(), b.contact(), b.expiresAt());
            case REMOVED -> log.info("{} unregistered {}", c.agentId(), b.contact());
            case EXPIRED -> log.info("{}: registration of {} expired", c.agentId(), b.contact());
        }
    }

    private static String address(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (checks != null) {
            checks.shutdownNow();
        }
        security.close();
    }
}
