package org.popline.sip;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TooManyListenersException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.popline.ivr.GreetingFlow;
import org.popline.media.MediaEngine;
import org.popline.media.tts.FreeTtsSynthesizer;
import org.popline.media.tts.PromptCache;
import org.popline.sip.call.AniExtractor;
import org.popline.sip.call.CallManager;
import org.popline.sip.config.PoplineConfig;
import org.popline.sip.crm.CrmConnection;
import org.popline.sip.http.AdminEndpoints;
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

    private final PoplineConfig config;
    private final MediaEngine media;
    private final SipStack stack;
    private final CallManager calls;
    private final AdminEndpoints admin;
    private final CrmConnection crm;
    private final ScheduledExecutorService timers;
    private final ExecutorService flows;

    private PoplineServer(PoplineConfig config, MediaEngine media, SipStack stack, CallManager calls,
            AdminEndpoints admin, CrmConnection crm, ScheduledExecutorService timers, ExecutorService flows) {
        this.config = config;
        this.media = media;
        this.stack = stack;
        this.calls = calls;
        this.admin = admin;
        this.crm = crm;
        this.timers = timers;
        this.flows = flows;
    }

    public static PoplineServer start(PoplineConfig config) throws IOException, SipException {
        PromptCache prompts = new PromptCache(new FreeTtsSynthesizer(config.voice()));
        long t0 = System.nanoTime();
        prompts.get(config.voice(), config.greeting());
        log.info("greeting synthesised in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

        MediaEngine media = new MediaEngine(config.bindAddress(), config.rtpPortMin(), config.rtpPortMax());
        SipStack stack = null;
        AdminEndpoints admin = null;
        CrmConnection crm = null;
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "call-timers"));
        AtomicInteger flowThreads = new AtomicInteger();
        ExecutorService flows = new ThreadPoolExecutor(0, config.maxConcurrentCalls(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, "flow-" + flowThreads.incrementAndGet()));
        try {
            stack = SipStackFactory.create("popline-" + INSTANCES.incrementAndGet());
            SipProvider provider = listen(stack, config);
            SipMessages messages = new SipMessages(config.advertisedAddress(), config.sipPort());
            CallManager calls = new CallManager(
                    new CallManager.Settings(config.voice(), config.music(), config.answerDelay(),
                            config.noAckTimeout(), config.maxCallDuration(), config.rtpTimeout(),
                            config.maxConcurrentCalls(), config.inbandDtmf()),
                    provider, messages, new SdpNegotiator(config.advertisedAddress(), "Popline"), media, prompts,
                    new GreetingFlow(config.greeting(), config.greetingInterruptible(), config.musicAfterGreeting()),
                    new AniExtractor(config.trustAssertedIdentity()), timers, flows);
            provider.addSipListener(new SipRouter(calls, messages, new Responder(provider)));
            crm = CrmConnection.open(config.crm(), config.bindAddress().getHostAddress());
            CrmConnection lookups = crm;
            admin = new AdminEndpoints(config.bindAddress(), config.httpPort(), Map.of(
                    "/health", query -> status(calls, media),
                    "/calls", query -> calls.summaries(),
                    "/crm/lookup", query -> lookups.lookup(query.getOrDefault("ani", ""))));
            PoplineServer server = new PoplineServer(config, media, stack, calls, admin, crm, timers, flows);
            log.info("listening: SIP {}:{} ({}{}), RTP ports {}-{}, HTTP http://{}:{}/health and /calls",
                    config.bindAddress().getHostAddress(), config.sipPort(), config.udp() ? "udp" : "",
                    config.tcp() ? (config.udp() ? "+tcp" : "tcp") : "", config.rtpPortMin(), config.rtpPortMax(),
                    config.bindAddress().getHostAddress(), admin.port());
            return server;
        } catch (IOException | SipException | TooManyListenersException | InvalidArgumentException
                 | RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            if (crm != null) {
                crm.close();
            }
            if (stack != null) {
                stack.stop();
            }
            media.close();
            timers.shutdownNow();
            flows.shutdownNow();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof SipException se) {
                throw se;
            }
            throw new SipException("cannot start SIP on " + config.bindAddress().getHostAddress() + ":"
                    + config.sipPort() + ": " + e.getMessage(), e);
        }
    }

    private static SipProvider listen(SipStack stack, PoplineConfig config)
            throws InvalidArgumentException, TooManyListenersException, ObjectInUseException, SipException {
        String address = config.bindAddress().getHostAddress();
        SipProvider provider = null;
        if (config.udp()) {
            provider = stack.createSipProvider(stack.createListeningPoint(address, config.sipPort(), ListeningPoint.UDP));
        }
        if (config.tcp()) {
            ListeningPoint tcp = stack.createListeningPoint(address, config.sipPort(), ListeningPoint.TCP);
            if (provider == null) {
                provider = stack.createSipProvider(tcp);
            } else {
                provider.addListeningPoint(tcp);
            }
        }
        return provider;
    }

    private static Map<String, Object> status(CallManager calls, MediaEngine media) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", "up");
        s.put("liveCalls", calls.liveCalls().size());
        s.put("openRtpPorts", media.openPorts().size());
        s.put("mediaClockLateTicks", media.lateTicks());
        return s;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The admin HTTP port actually bound (http.port 0 picks a free one). */
    public int httpPort() {
        return admin.port();
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

    public PoplineConfig config() {
        return config;
    }

    @Override
    public void close() {
        calls.closeAll();
        admin.close();
        crm.close();
        stack.stop();
        timers.shutdownNow();
        flows.shutdownNow();
        media.close();
        log.info("stopped");
    }
}
