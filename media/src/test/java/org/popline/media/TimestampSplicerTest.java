package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampSplicerTest {

    private static final long MS = 1_000_000L;
    private static final long SSRC = 0xABCDL;

    private final TimestampSplicer splicer = new TimestampSplicer();

    private long audio(long sourceTimestamp, boolean marker, long nowNanos, long streamNow) {
        return splicer.map(SSRC, sourceTimestamp, marker, true, nowNanos, streamNow);
    }

    @Test
    void theFirstPacketLandsWhereTheStreamStandsAndStartsATalkspurt() {
        assertEquals(50_000, audio(900, false, 0, 50_000));
        assertTrue(splicer.marker());
    }

    @Test
    void packetsKeepTheSendersSpacingWhateverTheirArrivalJitter() {
        audio(900, true, 0, 50_000);
        assertEquals(50_160, audio(1060, false, 35 * MS, 99_999));
        assertFalse(splicer.marker());
        assertEquals(50_320, audio(1220, false, 41 * MS, 99_999));
        assertEquals(50_480, audio(1380, false, 60 * MS, 99_999));
    }

    @Test
    void aSenderWhoseTimestampsFollowThePauseKeepsThemAndItsMarker() {
        audio(900, true, 0, 50_000);
        assertEquals(50_000 + 8 * 500, audio(900 + 8 * 500, true, 500 * MS, 12_345));
        assertTrue(splicer.marker());
    }

    @Test
    void aPauseIsANewTalkspurtEvenWhenTheSenderDoesNotSaySo() {
        audio(900, true, 0, 50_000);
        assertEquals(50_000 + 8 * 300, audio(900 + 8 * 300, false, 300 * MS, 12_345));
        assertTrue(splicer.marker());
    }

    @Test
    void aSenderWhoseTimestampsStoodStillIsRebasedOntoWallTime() {
        audio(900, true, 0, 50_000);
        assertEquals(54_000, audio(1060, false, 500 * MS, 54_000));
        assertTrue(splicer.marker());
        assertEquals(54_160, audio(1220, false, 520 * MS, 99_999));
        assertFalse(splicer.marker());
    }

    @Test
    void aNewSsrcIsRebased() {
        audio(900, true, 0, 50_000);
        assertEquals(50_160, splicer.map(0x1234L, 7, false, true, 20 * MS, 50_160));
        assertTrue(splicer.marker());
    }

    @Test
    void aLongEventKeepsItsStartTimestampOnEveryPacket() {
        audio(900, true, 0, 50_000);
        long start = splicer.map(SSRC, 1060, true, false, 20 * MS, 99_999);
        assertEquals(50_160, start);
        assertTrue(splicer.marker());
        for (long t = 70; t < 2000; t += 50) {
            assertEquals(start, splicer.map(SSRC, 1060, false, false, t * MS, 99_999));
            assertFalse(splicer.marker());
        }
    }

    @Test
    void timestampsWrapModulo2To32() {
        audio(0xFFFFFF00L, true, 0, 0xFFFFFFF0L);
        assertEquals(0x90L, audio(0xFFFFFFA0L, false, 20 * MS, 0));
        assertFalse(splicer.marker(), "a wrap is not a jump");
    }
}
