package org.popline.sip.signalling;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.CallInfoHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the responses Popline sends, with the capability headers every response of ours
 * carries (Allow, Accept, Supported), so that peers learn them from any answer. Not final: tests
 * make building a response fail, to check that whoever took resources for a call gives them back.
 */
public class SipMessages {
    private static final Pattern USER_PART = Pattern.compile("\\+?[0-9A-Za-z._-]{1,64}");
    public static final List<String> ALLOWED_METHODS =
            List.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS, Request.INFO,
                    Request.REGISTER);
    public static final String SDP_TYPE = "application";
    public static final String SDP_SUBTYPE = "sdp";

    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String advertisedAddress;
    private final int sipPort;

    public SipMessages(String advertisedAddress, int sipPort) throws PeerUnavailableException {
        SipFactory factory = SipFactory.getInstance();
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.advertisedAddress = advertisedAddress;
        this.sipPort = sipPort;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public Response response(int status, Request request) {
        try {
            Response r = messages.createResponse(status, request);
            if (status == Response.METHOD_NOT_ALLOWED || request.getMethod().equals(Request.OPTIONS)
                    || (status >= 200 && status < 300 && request.getMethod().equals(Request.INVITE))) {
                addCapabilities(r);
            }
            return r;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a " + status + " response", e);
        }
    }

    /** A response with a reason phrase of our own, e.g. to say what was wrong with the SDP. */
    public Response response(int status, Request request, String reason) {
        Response r = response(status, request);
        try {
            r.setReasonPhrase(reason.replaceAll("[\\r\\n]+", " "));
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad reason phrase: " + reason, e);
        }
        return r;
    }

    public Response withToTag(Response response, String tag) {
        try {
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag);
            return response;
        } catch (ParseException e) {
            throw new IllegalStateException("bad to-tag " + tag, e);
        }
    }

    public void addCapabilities(Response r) throws ParseException {
        r.setHeader(headers.createAllowHeader(String.join(", ", ALLOWED_METHODS)));
        r.setHeader(headers.createAcceptHeader(SDP_TYPE, SDP_SUBTYPE));
        r.setHeader(headers.createSupportedHeader(""));
    }

    public void addSdp(javax.sip.message.Message m, String sdp) throws ParseException {
        ContentTypeHeader ct = headers.createContentTypeHeader(SDP_TYPE, SDP_SUBTYPE);
        m.setContent(sdp, ct);
    }

    public ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("popline", advertisedAddress);
        uri.setPort(sipPort);
        if (!"udp".equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport.toLowerCase());
        }
        Address a = addresses.createAddress(uri);
        return headers.createContactHeader(a);
    }

    /**
     * An INVITE from Popline to {@code target} (an agent's registered contact), shown as coming
     * from {@code displayName} at the caller's number so the agent's phone says who is calling,
     * with {@code infoUrl} as a Call-Info link for phones that can open it. {@code route}: the
     * phone's Path, whose first entry the request is sent to.
     */
    public Request outboundInvite(String target, String transport, String toUser, String callerNumber,
            String displayName, Optional<String> infoUrl, CallIdHeader callId, String sdp, List<String> route)
            throws ParseException {
        try {
            SipURI requestUri = (SipURI) addresses.createURI(target);
            SipURI fromUri = addresses.createSipURI(userPart(callerNumber), advertisedAddress);
            Address from = addresses.createAddress(fromUri);
            from.setDisplayName(displayName);
            SipURI toUri = addresses.createSipURI(toUser, requestUri.getHost());
            if (requestUri.getPort() > 0) {
                toUri.setPort(requestUri.getPort());
            }
            Request invite = messages.createRequest(requestUri, Request.INVITE, callId,
                    headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
                    headers.createToHeader(addresses.createAddress(toUri), null),
                    List.of(headers.createViaHeader(advertisedAddress, sipPort, transport, null)),
                    headers.createMaxForwardsHeader(70));
            invite.addHeader(contact(transport));
            for (String hop : route) {
                invite.addHeader(headers.createRouteHeader(addresses.createAddress(hop)));
            }
            if (infoUrl.isPresent()) {
                CallInfoHeader info = headers.createCallInfoHeader(addresses.createURI(infoUrl.get()));
                info.setPurpose("info");
                invite.addHeader(info);
            }
            invite.setHeader(headers.createAllowHeader(String.join(", ", ALLOWED_METHODS)));
            addSdp(invite, sdp);
            return invite;
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("cannot build an INVITE", e);
        }
    }

    /** A caller's number as a SIP user part; a withheld or odd one becomes "anonymous". */
    private static String userPart(String number) {
        return number != null && USER_PART.matcher(number).matches() ? number : "anonymous";
    }

    public void setRetryAfter(Response r, int seconds) {
        try {
            r.setHeader(headers.createRetryAfterHeader(seconds));
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
