package org.popline.sip.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test phone's digest against the worked examples of RFC 7616 3.9.1, before it judges the server. */
class DigestTest {
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void md5AsInRfc7616() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", Digest.response("MD5", "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", NONCE, "00000001", CNONCE));
    }

    @Test
    void sha256AsInRfc7616() {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", Digest.response("SHA-256",
                "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", NONCE, "00000001",
                CNONCE));
    }
}
