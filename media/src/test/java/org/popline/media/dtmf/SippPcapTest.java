package org.popline.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.popline.media.rtp.RtpPacket;

/** The RFC 2833 captures SIPp ships, which SIPp scenarios replay as they are. */
class SippPcapTest {

    private static final Path SIPP_PCAPS = Path.of("/usr/share/sip-tester");
    private static final int PAYLOAD_TYPE = 101;

    private final Recorder recorder = new Recorder();
    private final Rfc4733Receiver receiver = new Rfc4733Receiver(PAYLOAD_TYPE, recorder);

    private static List<ByteBuffer> capture(String name) throws IOException {
        Path file = SIPP_PCAPS.resolve("dtmf_2833_" + name + ".pcap");
        assertTrue(Files.isReadable(file), file + " is missing: install SIPp's Debian package "
                + "(apt-get install -y sip-tester), which ships the RFC 2833 captures this test replays");
        return PcapReader.udpPayloads(file);
    }

    private void replay(String name) throws IOException {
        for (ByteBuffer datagram : capture(name)) {
            receiver.onPacket(RtpPacket.parse(datagram).orElseThrow());
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "2,2", "3,3", "4,4", "5,5", "6,6", "7,7", "8,8", "9,9", "star,*", "pound,#"})
    void eachCaptureIsExactlyItsDigit(String name, char digit) throws IOException {
        List<ByteBuffer> datagrams = capture(name);
        assertEquals(10, datagrams.size(), "packets in the capture");
        replay(name);
        assertEquals(String.valueOf(digit), recorder.digitString());
        assertEquals(String.valueOf(digit), recorder.endString());
        assertEquals(280, recorder.ends.get(0).durationMillis(), "2240 samples at 8 kHz");
    }

    @Test
    void replayingACaptureAgainIsStillOneDigit() throws IOException {
        replay("1");
        replay("1");
        assertEquals("1", recorder.digitString());
    }

    @Test
    void twoCapturesInARowAreTwoDigits() throws IOException {
        replay("1");
        replay("2");
        replay("1");
        assertEquals("12", recorder.digitString());
    }
}
