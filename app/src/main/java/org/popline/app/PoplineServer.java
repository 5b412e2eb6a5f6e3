package org.popline.app;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.popline.ivr.CallFlow;
import org.popline.ivr.GreetingFlow;
import org.popline.ivr.engine.DeploymentCheck;
import org.popline.ivr.engine.FlowEngine;
import org.popline.ivr.engine.FlowFile;
import org.popline.ivr.engine.FlowObserver;
import org.popline.ivr.engine.FlowServices;
import org.popline.ivr.engine.FlowTraces;
import org.popline.ivr.engine.LoadedFlow;
import org.popline.ivr.engine.StaticPrompts;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.webex.WebexMapping;
import org.popline.ivr.webex.WebexTranslator;
import org.popline.ivr.http.Connector;
import org.popline.ivr.http.DataverseConnector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.template.Templates;
import org.popline.media.MediaEngine;
import org.popline.media.tts.FreeTtsSynthesizer;
import org.popline.media.tts.PromptCache;
import org.popline.cluster.ClusterAcd;
import org.popline.cluster.SharedDesk;
import org.popline.cluster.SharedPhones;
import org.popline.cluster.SharedRegistrarSecurity;
import org.popline.queue.Acd;
import org.popline.queue.CallDistributor;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.QueueSettings;
import org.popline.sip.SipRouter;
import org.popline.sip.agent.RecentAcdEvents;
import org.popline.sip.agent.RegisteredPhones;
import org.popline.sip.agent.SipAgentDialer;
import org.popline.sip.call.AniExtractor;
import org.popline.sip.call.AudioFiles;
import org.popline.sip.call.CallManager;
import org.popline.sip.call.CallTimers;
import org.popline.sip.call.CallQueues;
import org.popline.ops.cdr.CallRecords;
import org.popline.ops.cdr.CdrCsv;
import org.popline.ops.cdr.CdrWriter;
import org.popline.sip.registrar.AgentAccount;
import org.popline.app.config.CrmConfig;
import org.popline.app.config.PoplineConfig;
import org.popline.app.crm.CrmConnection;
import org.popline.desk.AgentDesks;
import org.popline.desk.DeskServer;
import org.popline.desk.DeskSessions;
import org.popline.desk.LoginThrottle;
import org.popline.ops.admin.AdminToken;
import org.popline.web.HostAllowlist;
import org.popline.web.WebServer;
import org.popline.ops.admin.AdminEndpoints;
import org.popline.ops.supervisor.QueueDayCounts;
import org.popline.ops.supervisor.SupervisorBoard;
import org.popline.ops.supervisor.SupervisorPage;
import org.popline.ops.metrics.CallCounters;
import org.popline.ops.metrics.MetricsPage;
import org.popline.sip.registrar.Registrar;
import org.popline.sip.registrar.RegistrarSecurity;
import org.popline.sip.registrar.RegistrationListener;
import org.popline.sip.sdp.SdpNegotiator;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.popline.sip.signalling.SipStackFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the modules together from a validated configuration; {@link #close()} ends every call with BYE. */
public final class PoplineServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoplineServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int RECENT_TRACES = 100;
    private static final int RECENT_ACD_EVENTS = 500;
    static final String DYNAMICS_CONNECTOR = CrmConfig.CONNECTOR;
    /** Call records the API and CSV export serve from memory; the files keep every one. */
    private static final int RECENT_CDRS = 1000;
    /** Records that may wait for the disk before further ones are dropped: minutes of calls at full load. */
    private static final int CDR_QUEUE = 10_000;
    /** How long stopping waits for flows to finish the calls it ended, so that their records are complete. */
    private static final long FLOW_STOP_SECONDS = 2;

    private final PoplineConfig config;
    private final MediaEngine media;
    private final SipStack stack;
    private final CallManager calls;
    private final Registrar registrar;
    private final CallDistributor acd;
    /** Null unless cluster.redis is set. */
    private final SharedPhoneBook phoneBook;
    private final SipAgentDialer dialer;
    private final AdminEndpoints admin;
    private final DeskServer desk;
    /** Null unless cluster.redis is set. */
    private final SharedDesk sharedDesk;
    private final CrmConnection crm;
    private final HttpCaller http;
    private final ScheduledExecutorService timers;
    private final ExecutorService flows;
    private final CdrWriter cdrs;

    private PoplineServer(PoplineConfig config, MediaEngine media, SipStack stack, CallManager calls,
            Registrar registrar, CallDistributor acd, SharedPhoneBook phoneBook, SipAgentDialer dialer, AdminEndpoints admin, DeskServer desk,
            SharedDesk sharedDesk, CrmConnection crm, HttpCaller http, ScheduledExecutorService timers, ExecutorService flows,
            CdrWriter cdrs) {
        this.config = config;
        this.media = media;
        this.stack = stack;
        this.calls = calls;
        this.registrar = registrar;
        this.acd = acd;
        this.phoneBook = phoneBook;
        this.dialer = dialer;
        this.admin = admin;
        this.desk = desk;
        this.sharedDesk = sharedDesk;
        this.crm = crm;
        this.http = http;
        this.timers = timers;
        this.flows = flows;
        this.cdrs = cdrs;
    }

    public static PoplineServer start(PoplineConfig config) throws IOException, SipException {
        PromptCache prompts = new PromptCache(new FreeTtsSynthesizer(config.call().voice(), config.call().voiceInstances()));
        if (config.call().greetingFlow()) {
            long t0 = System.nanoTime();
            prompts.pin(config.call().voice(), config.call().greeting());
            log.info("greeting synthesised in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }

        MediaEngine media = new MediaEngine(config.sip().bindAddress(), config.rtp().portMin(), config.rtp().portMax(),
                config.rtp().clockThreads(), config.rtp().realtimePriority(), config.rtp().strictProbation());
        SipStack stack = null;
        Registrar registrar = null;
        CallDistributor acd = null;
        SharedPhoneBook phoneBook = null;
        AdminEndpoints admin = null;
        DeskServer desk = null;
        SharedDesk sharedDesk = null;
        CrmConnection crm = null;
        CdrWriter cdrs = null;
        FlowFile flowFile = null;
        HttpCaller http = new HttpCaller();
        FlowTraces traces = new FlowTraces(RECENT_TRACES);
        ScheduledExecutorService timers = CallTimers.start("call-timers");
        ExecutorService flows = FlowThreads.create(config.call().virtualFlowThreads(), config.call().maxConcurrent());
        try {
            cdrs = openCdrs(config);
            CallRecords records = new CallRecords(cdrs, config.cluster().nodeName());
            CallCounters counters = new CallCounters();
            prompts.listen(counters);
            crm = CrmConnection.open(config.crm());
            crm.warmUp();
            AudioFiles audioFiles = new AudioFiles(config.confDir());
            flowFile = config.call().greetingFlow() ? null : openFlow(config, crm, audioFiles, prompts);
            CallFlow flow = flowFile == null
                    ? new GreetingFlow(config.call().greeting(), config.call().greetingInterruptible(),
                            config.call().musicAfterGreeting())
                    : new FlowEngine(flowFile, new FlowServices(ActivityTypes.standard(),
                            new Templates(config.crm().defaultRegion()), http, connectors(crm), crm.customers(),
                            config.businessHours(), Clock.systemDefaultZone()), traces,
                            FlowObserver.all(counters, records));
            if (flowFile != null) {
                FlowFile watched = flowFile;
                synthesise(watched.get(), prompts, config.call().voice());
                timers.scheduleWithFixedDelay(() -> {
                    if (watched.reloadIfChanged()) {
                        synthesise(watched.get(), prompts, config.call().voice());
                    }
                }, 1, 1, TimeUnit.SECONDS);
            }
            stack = SipStackFactory.create("popline-" + INSTANCES.incrementAndGet(), config.sip().tcpLimits());
            SipProvider provider = listen(stack, config);
            SipMessages messages = new SipMessages(config.sip().advertisedAddress(), config.sip().port());
            Responder responder = new Responder(provider);
            SdpNegotiator sdp = new SdpNegotiator(config.sip().advertisedAddress(), "Popline");
            SharedRegistrarSecurity sharedSecurity = config.cluster().shared()
                    .map(shared -> new SharedRegistrarSecurity(shared.redis())).orElse(null);
            registrar = new Registrar(config.registrar(), config.agents(), messages, responder,
                    sharedSecurity == null ? RegistrarSecurity.local() : sharedSecurity);
            List<AgentProfile> profiles = config.agents().stream().map(AgentAccount::profile).toList();
            Map<String, Duration> wrapUps = config.queues().stream()
                    .collect(Collectors.toMap(QueueSettings::name, QueueSettings::wrapUp));
            sharedDesk = config.cluster().shared().map(shared -> new SharedDesk(shared.redis(),
                    profiles.stream().map(AgentProfile::id).toList(), Clock.systemUTC())).orElse(null);
            AgentDesks desks = sharedDesk == null ? new AgentDesks(profiles, wrapUps, Clock.systemUTC())
                    : new AgentDesks(profiles, wrapUps, Clock.systemUTC(), sharedDesk.relay(), sharedDesk.pops());
            Registrar phones = registrar;
            phoneBook = config.cluster().shared()
                    .map(shared -> new SharedPhoneBook(new SharedPhones(shared.redis(), shared.node()), phones, config.agents()))
                    .orElse(null);
            SipAgentDialer dialer = new SipAgentDialer(provider, messages, sdp, media, timers,
                    phoneBook != null ? phoneBook : new RegisteredPhones(registrar, config.agents()), desks);
            acd = distributor(config, profiles, dialer, timers);
            acd.addListener(desks);
            CallManager calls = new CallManager(
                    new CallManager.Settings(config.call().voice(), config.call().music(), config.call().answerDelay(),
                            config.sip().noAckTimeout(), config.call().maxDuration(), config.rtp().timeout(),
                            config.call().maxConcurrent(), config.call().inbandDtmf()),
                    provider, responder, messages, sdp, media::openSession, prompts, audioFiles,
                    new CallQueues(acd, config.queues(), agentIdsByEmail(config)), flow,
                    new AniExtractor(config.sip().trustedProxies()), timers, flows, ended -> {
                        counters.callEnded(ended.endedBy());
                        records.ended(ended);
                    }, desks);
            CallDistributor agents = acd;
            RecentAcdEvents acdEvents = new RecentAcdEvents(RECENT_ACD_EVENTS);
            agents.addListener(acdEvents);
            dialer.connect(calls, agents::callEnded);
            if (phoneBook != null) {
                // before the ACD hears of a phone, other nodes can find it
                registrar.addListener(phoneBook);
            }
            registrar.addListener(new RegistrationListener() {
                @Override
                public void registered(String agentId) {
                    agents.phoneRegistered(agentId);
                }

                @Override
                public void unregistered(String agentId) {
                    agents.phoneUnregistered(agentId);
                }
            });
            provider.addSipListener(new SipRouter(calls, registrar, dialer, messages, responder));
            Registrar registrations = registrar;
            CrmConnection lookups = crm;
            FlowFile served = flowFile;
            Set<String> adminHosts = HostAllowlist.ownNames(config.http().bindAddress(),
                    config.sip().advertisedAddress(), config.http().allowedHosts());
            AdminToken token = AdminToken.load(System::getenv, config.http().tokenVariable(),
                    config.http().tokenFile());
            admin = new AdminEndpoints(new WebServer.Listen(config.http().bindAddress(), config.http().port(),
                    adminHosts, Optional.empty()), token, Map.of(
                    "/health", query -> status(config, calls, media, served, agents, dialer),
                    "/calls", query -> calls.summaries(),
                    "/queues", query -> agents.queues(),
                    "/agents", query -> agents.agents(),
                    "/agents/events", query -> acdEvents.list(),
                    "/registrations", query -> registrations.registrations(),
                    "/flows/traces", query -> query.containsKey("call")
                            ? traces.find(query.get("call")).<Object>map(t -> t).orElse(Map.of("error", "no trace for that call"))
                            : traces.recent(),
                    "/crm/lookup", query -> lookups.lookup(query.getOrDefault("ani", ""))), Map.of(
                    "/agents/ready", query -> {
                        agents.ready(requiredParameter(query, "agent"));
                        return agents.agents();
                    },
                    "/agents/not-ready", query -> {
                        agents.notReady(requiredParameter(query, "agent"), query.getOrDefault("reason", "not ready"));
                        return agents.agents();
                    }));
            QueueDayCounts dayCounts = new QueueDayCounts(Clock.systemDefaultZone(),
                    config.queues().stream().map(QueueSettings::name).toList());
            agents.addListener(dayCounts);
            SupervisorPage supervisor = new SupervisorPage(token, new SupervisorBoard(agents::queues, agents::agents,
                    dayCounts, traces, Clock.systemUTC()), traces,
                    () -> Optional.ofNullable(served).map(f -> f.get().flow()), Clock.systemUTC());
            admin.addPage(SupervisorPage.PREFIX, supervisor, supervisor::close);
            addOperationsViews(admin, cdrs, new MetricsPage(counters, () -> calls.liveCalls().size(), agents, media,
                    prompts, cdrs));
            InetAddress deskBind = config.desk().bindAddress();
            Set<String> deskHosts = HostAllowlist.ownNames(deskBind, config.sip().advertisedAddress(),
                    config.http().allowedHosts());
            desk = new DeskServer(new WebServer.Listen(deskBind, config.desk().port(), deskHosts,
                    DeskTlsContext.of(config.desk().tls(), deskBind, deskHosts)),
                    sharedDesk == null ? new DeskSessions(config.agents(), Clock.systemUTC())
                            : new DeskSessions(config.agents(), sharedDesk.sessions()), loginThrottle(config, sharedSecurity), desks,
                    new DeskServer.Actions(agents, config.desk().notReadyReasons()),
                    profiles.stream().collect(Collectors.toMap(AgentProfile::id, AgentProfile::displayName)));
            PoplineServer server = new PoplineServer(config, media, stack, calls, registrar, acd, phoneBook, dialer, admin, desk,
                    sharedDesk, crm, http, timers, flows, cdrs);
            log.info("listening: SIP {}:{} ({}{}), RTP ports {}-{}, admin API http://{}:{}/health (token: {}), "
                    + "agents' page {}://{}:{}/desk/",
                    config.sip().bindAddress().getHostAddress(), config.sip().port(), config.sip().udp() ? "udp" : "",
                    config.sip().tcp() ? (config.sip().udp() ? "+tcp" : "tcp") : "",
                    config.rtp().portMin(), config.rtp().portMax(),
                    config.http().bindAddress().getHostAddress(), admin.port(), token.source(),
                    desk.tls() ? "https" : "http", deskBind.getHostAddress(), desk.port());
            return server;
        } catch (IOException | SipException | TooManyListenersException | InvalidArgumentException
                 | FlowException | RuntimeException e) {
            if (desk != null) {
                desk.close();
            }
            if (sharedDesk != null) {
                sharedDesk.close();
            }
            if (admin != null) {
                admin.close();
            }
            if (acd != null) {
                acd.close();
            }
            if (phoneBook != null) {
                phoneBook.close();
            }
            if (registrar != null) {
                registrar.close();
            }
            if (crm != null) {
                crm.close();
            }
            if (stack != null) {
                stack.stop();
            }
            if (cdrs != null) {
                cdrs.close();
            }
            media.close();
            http.close();
            timers.shutdownNow();
            flows.shutdownNow();
            if (e instanceof FlowException fe) {
                throw new IOException("flow file rejected:\n" + fe.getMessage(), fe);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof SipException se) {
                throw se;
            }
            throw new SipException("cannot start SIP on " + config.sip().bindAddress().getHostAddress() + ":"
                    + config.sip().port() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The registrar's lockout rule: the page takes the same passwords as the phones. In a cluster the counts are
     * shared, so guesses spread over the nodes' pages add up; an id nobody has is named in Redis by a digest only,
     * since it may be a password typed into the wrong field.
     */
    private static LoginThrottle loginThrottle(PoplineConfig config, SharedRegistrarSecurity shared) {
        var r = config.registrar();
        var rule = new LoginThrottle.Rule(r.lockoutAfter(), r.lockoutWindow(), r.lockout(), r.maxLockout());
        Set<String> ids = config.agents().stream().map(AgentAccount::id).collect(Collectors.toSet());
        Clock clock = Clock.systemUTC();
        if (shared == null) {
            return new LoginThrottle(rule, ids, clock);
        }
        return new LoginThrottle(
                shared.pageLogins(LoginThrottle.byAddress(rule, clock), r, clock, address -> "address " + address),
                shared.pageLogins(LoginThrottle.byAgentId(rule, ids, clock), r, clock,
                        id -> ids.contains(id) ? "agent " + id : "unknown id " + digest(id)));
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The in-memory ACD, or with {@code cluster.redis} set, this node's share of the one in Redis. */
    private static CallDistributor distributor(PoplineConfig config, List<AgentProfile> profiles, SipAgentDialer dialer,
            ScheduledExecutorService timers) {
        return config.cluster().shared()
                .<CallDistributor>map(shared -> ClusterAcd.start(shared, config.queues(), profiles, dialer, Clock.systemUTC()))
                .orElseGet(() -> new Acd(config.queues(), profiles, dialer, Clock.systemUTC(), timers));
    }

    private static CdrWriter openCdrs(PoplineConfig config) throws IOException {
        try {
            return CdrWriter.start(config.cdrFolder(), CDR_QUEUE, RECENT_CDRS);
        } catch (IOException e) {
            throw new IOException("cdr.folder: cannot keep call records in " + config.cdrFolder() + ": " + e, e);
        }
    }

    /** Call records ({@code /cdrs}, {@code /cdrs.csv}) and Prometheus metrics ({@code /metrics}). */
    private static void addOperationsViews(AdminEndpoints admin, CdrWriter cdrs, MetricsPage metrics) {
        admin.addView("/cdrs", query -> cdrs.newest(limit(query, 100)));
        admin.addTextView("/cdrs.csv", "text/csv; charset=utf-8", query -> CdrCsv.of(cdrs.newest(limit(query, RECENT_CDRS))));
        admin.addTextView("/metrics", MetricsPage.CONTENT_TYPE, query -> metrics.render());
    }

    private static int limit(Map<String, String> query, int fallback) {
        String text = query.get("limit");
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("limit must be a whole number of at least 1, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private static SipProvider listen(SipStack stack, PoplineConfig config)
            throws InvalidArgumentException, TooManyListenersException, ObjectInUseException, SipException {
        String address = config.sip().bindAddress().getHostAddress();
        SipProvider provider = null;
        if (config.sip().udp()) {
            provider = stack.createSipProvider(
                    stack.createListeningPoint(address, config.sip().port(), ListeningPoint.UDP));
        }
        if (config.sip().tcp()) {
            ListeningPoint tcp = stack.createListeningPoint(address, config.sip().port(), ListeningPoint.TCP);
            if (provider == null) {
                provider = stack.createSipProvider(tcp);
            } else {
                provider.addListeningPoint(tcp);
            }
        }
        return provider;
    }

    private static FlowFile openFlow(PoplineConfig config, CrmConnection crm, AudioFiles audio, PromptCache prompts)
            throws FlowException {
        FlowLoader loader = new FlowLoader(ActivityTypes.standard(),
                new FlowExpressions(new Templates(config.crm().defaultRegion())),
                List.of(new WebexTranslator(webexMapping(config)))).knowingSchedules(config.businessHours().keySet());
        return FlowFile.open(config.call().flowFile(), loader,
                new DeploymentCheck(connectors(crm).keySet(), prompts.voices(), audio::exists));
    }

    /** How a Flow Designer export's ids map here: the {@code webex} keys, else the one CRM connector and the first queue. */
    static WebexMapping webexMapping(PoplineConfig config) {
        return config.webex().withAgentEmails(agentIdsByEmail(config).keySet());
    }

    /** Agents' ids by their e-mail (lower case), for flows that name an agent by e-mail. */
    private static Map<String, String> agentIdsByEmail(PoplineConfig config) {
        Map<String, String> ids = new HashMap<>();
        config.agents().forEach(a -> a.email().ifPresent(e -> ids.put(e.toLowerCase(Locale.ROOT), a.id())));
        return ids;
    }

    /** Prompts that read no variable are spoken the same to every caller: synthesise them before the first call. */
    private static void synthesise(LoadedFlow flow, PromptCache prompts, String defaultVoice) {
        long t0 = System.nanoTime();
        var texts = StaticPrompts.of(flow.flow());
        texts.forEach(p -> prompts.pin(p.voice().orElse(defaultVoice), p.text()));
        log.info("{} static prompts of flow version {} synthesised in {} ms", texts.size(), flow.version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** The connectors flows can name; {@code dynamics} is the configured CRM, emulator or real org. */
    private static Map<String, Connector> connectors(CrmConnection crm) {
        return Map.of(DYNAMICS_CONNECTOR, new DataverseConnector(crm.client()));
    }

    private static String requiredParameter(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("give ?" + name + "=...");
        }
        return value;
    }

    private static Map<String, Object> status(PoplineConfig config, CallManager calls, MediaEngine media, FlowFile flow, CallDistributor acd,
            SipAgentDialer dialer) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", "up");
        s.put("node", config.cluster().nodeName());
        s.put("agentLegs", dialer.liveLegs());
        s.put("reservedAgents", acd.agents().stream().filter(a -> a.state() == AgentState.RESERVED).count());
        s.put("waitingCallers", acd.queues().stream().mapToInt(q -> q.waiting().size()).sum());
        if (flow != null) {
            s.put("flow", flow.get().flow().name());
            s.put("flowVersion", flow.get().version());
            flow.rejectedVersion().ifPresent(rejected -> s.put("flowRejectedVersion", rejected));
        }
        s.put("liveCalls", calls.liveCalls().size());
        s.put("openRtpPorts", media.openPorts().size());
        s.put("mediaClockLateTicks", media.lateTicks());
        return s;
    }

    /** The admin HTTP port actually bound (http.port 0 picks a free one). */
    /** The CRM the flows' find-customer asks: the embedded emulator (with its fault injection) or a real org. */
    public CrmConnection crm() {
        return crm;
    }

    public int httpPort() {
        return admin.port();
    }

    /** The agents' page's port actually bound (desk.port 0 picks a free one). */
    public int deskPort() {
        return desk.port();
    }

    /** Whether the agents' page is served over TLS. */
    public boolean deskTls() {
        return desk.tls();
    }

    public int liveCalls() {
        return calls.liveCalls().size();
    }

    public int openRtpPorts() {
        return media.openPorts().size();
    }

    /** Frames the media clock skipped because it fell behind (machine overloaded). */
    public long mediaLateTicks() {
        return media.lateTicks();
    }

    /** RTP and RTCP packets dropped because they came from a source other than the call's peer (strict RTP). */
    public long mediaForeignPackets() {
        return media.foreignPackets();
    }

    /** Inbound media datagrams whose handling threw: a parser bug if ever above 0. */
    public long mediaReceiveFailures() {
        return media.receiveFailures();
    }

    public PoplineConfig config() {
        return config;
    }

    /** Where agents' phones are registered: what the dialer asks and the ACD listens to. */
    public Registrar registrar() {
        return registrar;
    }

    /** Agent legs ringing or talking now. */
    public int agentLegs() {
        return dialer.liveLegs();
    }

    /** The ACD: agents' states and waiting callers. */
    public CallDistributor acd() {
        return acd;
    }

    /** Lets flows finish the calls that were just ended (their records wait for them), then stops the rest. */
    private void stopFlows() {
        flows.shutdown();
        try {
            if (!flows.awaitTermination(FLOW_STOP_SECONDS, TimeUnit.SECONDS)) {
                flows.shutdownNow();
            }
        } catch (InterruptedException e) {
            flows.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The RI's UDPMessageProcessor.stop() walks its channel list unguarded and now and then throws
     * ConcurrentModificationException (seen once in CI), leaving the rest of the stack running;
     * a second stop() finishes the job.
     */
    private void stopStack() {
        try {
            stack.stop();
        } catch (ConcurrentModificationException e) {
            log.warn("SIP stack stop raced with its own threads ({}); stopping it again", e.toString());
            stack.stop();
        }
    }

    @Override
    public void close() {
        calls.closeAll();
        acd.close();
        if (phoneBook != null) {
            phoneBook.close();
        }
        desk.close();
        if (sharedDesk != null) {
            sharedDesk.close();
        }
        admin.close();
        registrar.close();
        crm.close();
        http.close();
        stopStack();
        timers.shutdownNow();
        stopFlows();
        calls.recordUnfinishedFlows();
        cdrs.close();
        media.close();
        log.info("stopped");
    }
}
