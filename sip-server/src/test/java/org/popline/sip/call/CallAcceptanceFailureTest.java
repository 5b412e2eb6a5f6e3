package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.popline.ivr.CallFlow;
import org.popline.media.MediaEngine;
import org.popline.media.audio.AudioClip;
import org.popline.media.tts.PromptCache;
import org.popline.queue.Acd;
import org.popline.sip.sdp.SdpNegotiator;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.popline.sip.signalling.SipStackFactory;
import org.popline.sip.signalling.TrustedProxies;

/**
 * A call that took an RTP port is answered and supervised, or released, whatever fails while it is
 * accepted and answered: each step is made to fail in turn (the stack throwing while sending, as
 * JAIN-SIP does for a Via transport it has no listening point for; a response that cannot be built;
 * no flow thread), over a real stack and real UDP, and afterwards no call and no port is left.
 */
class CallAcceptanceFailureTest {
    private static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

    private SipStack stack;
    private MediaEngine media;
    private CallManager calls;
    private DatagramSocket phone;
    private int sipPort;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<EndedCall> records = new CopyOnWriteArrayList<>();

    /** Which step fails; the rest is the real thing. */
    /** A call answered at once gets no 180 from Popline; one that rings first does. */
    private static final Duration RINGS = Duration.ofMillis(200);

    private record Failures(int failSendingStatus, int failBuildingStatus, boolean failContact, boolean noFlowThread,
            Duration answerDelay) {
        static Failures none() {
            return new Failures(0, 0, false, false, Duration.ZERO);
        }
    }

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
        }
        if (stack != null) {
            stack.stop();
        }
        if (media != null) {
            media.close();
        }
        timers.shutdownNow();
    }

    private void start(Failures f) throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sipPort = probe.getLocalPort();
        }
        int rtp = 2 * ThreadLocalRandom.current().nextInt(21000, 24000);
        media = new MediaEngine(InetAddress.getLoopbackAddress(), rtp, rtp + 9);
        stack = SipStackFactory.create("acceptance-" + sipPort);
        SipProvider provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", sipPort, ListeningPoint.UDP));
        Responder responder = new Responder(provider) {
            @Override
            public void respond(ServerTransaction st, Response response) {
                if (response.getStatusCode() == f.failSendingStatus()) {
                    throw new NullPointerException("injected: no listening point for the Via transport");
                }
                super.respond(st, response);
            }
        };
        SipMessages messages = new SipMessages("127.0.0.1", sipPort) {
            @Override
            public Response response(int status, Request request) {
                if (status == f.failBuildingStatus()) {
                    throw new IllegalStateException("injected: cannot build a " + status);
                }
                return super.response(status, request);
            }

            @Override
            public ContactHeader contact(String transport) throws ParseException {
                if (f.failContact()) {
                    throw new ParseException("injected: bad Contact", 0);
                }
                return super.contact(transport);
            }
        };
        ExecutorService flows = Executors.newCachedThreadPool();
        if (f.noFlowThread()) {
            flows.shutdown();
        }
        CallFlow flow = call -> {
            try {
                call.ended().get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        };
        calls = new CallManager(new CallManager.Settings("kevin", new AudioClip(new short[160]), f.answerDelay(),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5), 10, false),
                provider, responder, messages, new SdpNegotiator("127.0.0.1", "test"), media::openSession,
                new PromptCache(), new AudioFiles(Path.of(".")), new CallQueues(new Acd(List.of(), List.of(), (agent, caller, ring) -> {
                    throw new AssertionError("no agent is rung in these tests");
                }, Clock.systemUTC(), timers), List.of()), flow,
                new AniExtractor(TrustedProxies.none()), timers, flows, records::add,
                (agent, callId, pop) -> { });
        provider.addSipListener(new SipListener() {
            @Override
            public void processRequest(RequestEvent e) {
                switch (e.getRequest().getMethod()) {
                    case Request.INVITE -> calls.onInvite(e);
                    case Request.ACK -> calls.onAck(e);
                    case Request.BYE -> calls.onBye(e);
                    default -> { }
                }
            }

            @Override public void processResponse(ResponseEvent e) { }
            @Override public void processTimeout(TimeoutEvent e) { }
            @Override public void processIOException(IOExceptionEvent e) { }
            @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
            @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
        });
        phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    private String invite(String callId) {
        return "INVITE sip:ivr@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:+4930123@127.0.0.1>;tag=caller1\r\nTo: <sip:ivr@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:phone@127.0.0.1:" + phone.getLocalPort()
                + ">\r\nContent-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP;
    }

    private String inDialog(String method, String callId, String toTag, int cseq) {
        return method + " sip:popline@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bK-" + method + cseq + callId
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:+4930123@127.0.0.1>;tag=caller1\r\nTo: <sip:ivr@127.0.0.1>;tag="
                + toTag + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    private void send(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        phone.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), sipPort));
    }

    /** The first final response within 5 s, or null. */
    private String finalResponse() throws IOException {
        return firstReceived(m -> m.startsWith("SIP/2.0 ") && !m.startsWith("SIP/2.0 1"));
    }

    /** The first request from Popline within 5 s, or null. */
    private String receiveRequest() throws IOException {
        return firstReceived(m -> !m.startsWith("SIP/2.0"));
    }

    private String firstReceived(java.util.function.Predicate<String> wanted) throws IOException {
        long deadline = System.currentTimeMillis() + 5000;
        byte[] buf = new byte[65536];
        while (System.currentTimeMillis() < deadline) {
            phone.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                phone.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            if (wanted.test(m)) {
                return m;
            }
        }
        return null;
    }

    private static int status(String response) {
        return response == null ? -1 : Integer.parseInt(response.substring(8, 11));
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** With the step failing as given, an INVITE gets 500 and leaves nothing behind. */
    private void assertRefusedAndReleased(Failures failures, String callId) throws Exception {
        start(failures);
        send(invite(callId));
        assertEquals(500, status(finalResponse()));
        assertReleased();
    }

    private void assertReleased() throws InterruptedException {
        waitFor("no live call and no open RTP port (live " + calls.liveCalls().size() + ", ports "
                + media.openPorts() + ")", () -> calls.liveCalls().isEmpty() && media.openPorts().isEmpty());
        waitFor("the call recorded as ended by an error", () -> records.size() == 1);
        assertEquals(EndedBy.ERROR, records.get(0).endedBy());
    }

    @Test
    void aCallThatWorksHoldsItsPortUntilBye() throws Exception {
        start(Failures.none());
        send(invite("ok-1"));
        String ok = finalResponse();
        assertEquals(200, status(ok), ok);
        String toTag = ok.replaceAll("(?s).*\r\nTo: [^\r]*;tag=([^;\r]+).*", "$1");
        send(inDialog("ACK", "ok-1", toTag, 1));
        waitFor("the flow to start", () -> !calls.liveCalls().isEmpty());
        assertEquals(1, media.openPorts().size());
        send(inDialog("BYE", "ok-1", toTag, 2));
        assertEquals(200, status(finalResponse()));
        waitFor("the port released", () -> calls.liveCalls().isEmpty() && media.openPorts().isEmpty());
    }

    @Test
    void sending100TryingFails() throws Exception {
        assertRefusedAndReleased(new Failures(Response.TRYING, 0, false, false, Duration.ZERO), "fail-100");
    }

    @Test
    void sending180RingingFails() throws Exception {
        assertRefusedAndReleased(new Failures(Response.RINGING, 0, false, false, RINGS), "fail-180");
    }

    @Test
    void sending200OkFails() throws Exception {
        assertRefusedAndReleased(new Failures(Response.OK, 0, false, false, Duration.ZERO), "fail-200");
    }

    @Test
    void sending200OkFailsOnTheAnswerTimer() throws Exception {
        assertRefusedAndReleased(new Failures(Response.OK, 0, false, false, Duration.ofMillis(200)), "fail-200-later");
    }

    @Test
    void building180RingingFails() throws Exception {
        assertRefusedAndReleased(new Failures(0, Response.RINGING, false, false, RINGS), "build-180");
    }

    @Test
    void building200OkFails() throws Exception {
        assertRefusedAndReleased(new Failures(0, 0, true, false, Duration.ZERO), "build-200");
    }

    @Test
    void noFlowThreadAfterTheAck() throws Exception {
        start(new Failures(0, 0, false, true, Duration.ZERO));
        send(invite("no-flow"));
        String ok = finalResponse();
        assertEquals(200, status(ok), ok);
        String toTag = ok.replaceAll("(?s).*\r\nTo: [^\r]*;tag=([^;\r]+).*", "$1");
        send(inDialog("ACK", "no-flow", toTag, 1));
        assertReleased();
        String bye = receiveRequest();
        assertNotNull(bye, "the caller is told with BYE");
        assertTrue(bye.startsWith("BYE "), bye);
    }
}
