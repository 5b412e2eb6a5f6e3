package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PeerTextTest {
    @Test
    void keepsPrintableTextAsItIs() {
        assertEquals("a84b4c76e66710@pc33.atlanta.com", PeerText.printable("a84b4c76e66710@pc33.atlanta.com"));
    }

    @Test
    void turnsEachRunOfUnprintableCharactersIntoOneQuestionMark() {
        assertEquals("a?b?c?", PeerText.printable("a\r\nb c\u00e9\u0000"));
        assertEquals("?x", PeerText.printable("\n\n\nx"));
    }

    @Test
    void cutsLongTextAtEightyCharactersAndSaysSo() {
        String cut = PeerText.printable("x".repeat(10_000));
        assertEquals("x".repeat(80) + "...", cut);
        assertEquals("x".repeat(80), PeerText.printable("x".repeat(80)));
    }

    @Test
    void nothingBecomesEmpty() {
        assertEquals("", PeerText.printable(null));
        assertEquals("", PeerText.printable(""));
    }
}
