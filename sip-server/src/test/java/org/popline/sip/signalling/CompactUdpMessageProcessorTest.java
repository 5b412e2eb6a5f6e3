package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UDP receive loop Popline's stacks use, over real sockets on loopback. */
class CompactUdpMessageProcessorTest {
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private SipStack stack;
    private SipProvider provider;
    private DatagramSocket peer;
    private int sipPort;

    @BeforeEach
    void start() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sipPort = probe.getLocalPort();
        }
        stack = SipStackFactory.create("compact-udp-" + sipPort);
        provider = stack.createSipProvider(stack.createListeningPoint("127.0.0.1", sipPort, ListeningPoint.UDP));
        provider.addSipListener(new Recorder());
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(5000);
    }

    @AfterEach
    void stop() {
        peer.close();
        stack.stop();
    }

    @Test
    void ownRequestsLeaveFromTheListeningPortSoThatRportAnswersComeBack() throws Exception {
        provider.getNewClientTransaction(options()).sendRequest();

        DatagramPacket sent = receive();
        assertEquals(sipPort, sent.getPort(), "source port of Popline's request");
        String request = new String(sent.getData(), 0, sent.getLength(), StandardCharsets.ISO_8859_1);
        String ok = "SIP/2.0 200 OK\r\n" + copied(request, "Via", "From", "To", "Call-ID", "CSeq")
                + "Content-Length: 0\r\n\r\n";
        peer.send(new DatagramPacket(ok.getBytes(StandardCharsets.ISO_8859_1), ok.length(), sent.getSocketAddress()));

        Object event = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "no event for the answer");
        assertEquals(200, ((ResponseEvent) event).getResponse().getStatusCode());
    }

    @Test
    void aShortDatagramAfterALongOneIsReadAsItself() throws Exception {
        send(request("long", "x".repeat(30_000)));
        send(request("short", "y"));

        Request first = ((RequestEvent) events.poll(5, TimeUnit.SECONDS)).getRequest();
        Request second = ((RequestEvent) events.poll(5, TimeUnit.SECONDS)).getRequest();
        List<String> bodies = List.of(new String(first.getRawContent(), StandardCharsets.ISO_8859_1),
                new String(second.getRawContent(), StandardCharsets.ISO_8859_1));
        assertEquals(1, bodies.stream().filter("x".repeat(30_000)::equals).count(), "the long message's body");
        assertEquals(1, bodies.stream().filter("y"::equals).count(), "the short message's body");
    }

    private Request options() throws Exception {
        SipFactory sip = SipFactory.getInstance();
        AddressFactory addresses = sip.createAddressFactory();
        HeaderFactory headers = sip.createHeaderFactory();
        return sip.createMessageFactory().createRequest(
                addresses.createURI("sip:peer@127.0.0.1:" + peer.getLocalPort()), Request.OPTIONS,
                provider.getNewCallId(), headers.createCSeqHeader(1L, Request.OPTIONS),
                headers.createFromHeader(addresses.createAddress("sip:popline@127.0.0.1"), "t1"),
                headers.createToHeader(addresses.createAddress("sip:peer@127.0.0.1"), null),
                List.of(headers.createViaHeader("127.0.0.1", sipPort, "udp", null)),
                headers.createMaxForwardsHeader(70));
    }

    private String request(String callId, String body) {
        return "MESSAGE sip:popline@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:peer@127.0.0.1>;tag=p\r\nTo: <sip:popline@127.0.0.1>\r\nCall-ID: " + callId + "\r\n"
                + "CSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private void send(String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), sipPort));
    }

    private DatagramPacket receive() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
        peer.receive(p);
        return p;
    }

    private static String copied(String message, String... names) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\r\n")) {
            for (String name : names) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    out.append(name.equals("To") ? line + ";tag=peer" : line).append("\r\n");
                }
            }
        }
        return out.toString();
    }

    private final class Recorder implements SipListener {
        @Override
        public void processRequest(RequestEvent e) {
            events.add(e);
        }

        @Override
        public void processResponse(ResponseEvent e) {
            events.add(e);
        }

        @Override
        public void processTimeout(TimeoutEvent e) {
            events.add(e);
        }

        @Override
        public void processIOException(IOExceptionEvent e) {
            events.add(e);
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent e) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent e) {
        }
    }
}
