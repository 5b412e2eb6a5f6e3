package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnparsableRequestAnswerTest {
    private static String answer(String request, String problem) {
        return UnparsableRequestAnswer.build(request.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                problem).orElse(null);
    }

    @Test
    void oversizedHeadersCostNoStack() {
        String r = answer("INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:5062 " + "a".repeat(60_000)
                + ";branch=z9hG4bK-2\nf: <sip:c@d>;tag=" + ";".repeat(60_000) + "\nCSeq: 1 INVITE\n\n", "too long");
        assertTrue(r.startsWith("SIP/2.0 400 Bad Request (too long)\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-2\r\n"), r);
    }

    @Test
    void copiesWhatTheClientMatchesOnAndTagsTheTo() {
        String r = answer("INVITE sip:a@b SIP/2.0\nv: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1;;,;,,\n"
                + "f: <sip:c@d>;tag=1\nt: <sip:a@b>\ni: abc\nCSeq: 8 INVITE\nContact: <<bad>>\n\n", "ID expected");
        assertEquals("SIP/2.0 400 Bad Request (ID expected)\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1\r\n"
                + "From: <sip:c@d>;tag=1\r\nTo: <sip:a@b>;tag=badreq\r\nCall-ID: abc\r\nCSeq: 8 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n", r);
    }

    @Test
    void theReasonPhraseIsOneLineOfPrintableText() {
        String reason = UnparsableRequestAnswer.reasonPhrase("[C@65acedc3\nID expected\u0000 \u00e9" + "x".repeat(200));
        assertTrue(reason.matches("Bad Request \\([\\x20-\\x7e]+\\)"), reason);
        assertTrue(reason.length() < 100, reason);
    }

    @Test
    void anOutOfRangeCSeqKeepsItsMethod() {
        String r = answer("REGISTER sip:a SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\nCSeq: 36893488147419103232 REGISTER"
                + "\n\n", "Number format exception");
        assertTrue(r.contains("\r\nCSeq: 0 REGISTER\r\n"), r);
    }

    @Test
    void withoutAViaThereIsNobodyToAnswer() {
        assertEquals(null, answer("OPTIONS sip:a SIP/2.0\nCSeq: 1 OPTIONS\n\n", "no Via"));
    }
}
