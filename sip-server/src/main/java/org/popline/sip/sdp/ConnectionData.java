package org.popline.sip.sdp;

/**
 * A {@code c=} line: network type, address type and address (any {@code /ttl} or
 * {@code /count} suffix removed).
 */
public record ConnectionData(String networkType, String addressType, String address) {

    public boolean isIp4() {
        return "IN".equalsIgnoreCase(networkType) && "IP4".equalsIgnoreCase(addressType);
    }

    public boolean isIp6() {
        return "IN".equalsIgnoreCase(networkType) && "IP6".equalsIgnoreCase(addressType);
    }
}
