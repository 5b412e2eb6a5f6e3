package org.popline.media.dtmf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP payloads of a classic libpcap capture (not pcapng): Ethernet (with 802.1Q tags),
 * Linux cooked or raw IP link layers, IPv4 only. Anything else in the file is skipped.
 */
final class PcapReader {

    private static final int MAGIC_MICROS = 0xA1B2C3D4;
    private static final int MAGIC_NANOS = 0xA1B23C4D;
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_RAW = 101;
    private static final int LINK_LINUX_SLL = 113;
    private static final int LINK_IPV4 = 228;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int PROTOCOL_UDP = 17;

    private PcapReader() {
    }

    static List<ByteBuffer> udpPayloads(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < 24) {
            throw new IOException(file + " is too short for a pcap header");
        }
        int magic = in.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            in.order(ByteOrder.LITTLE_ENDIAN);
            magic = in.getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
                throw new IOException(file + " is not a classic pcap file");
            }
        }
        int linkType = in.getInt(20) & 0x0FFFFFFF;
        in.position(24);
        List<ByteBuffer> payloads = new ArrayList<>();
        while (in.remaining() >= 16) {
            in.position(in.position() + 8);
            int captured = in.getInt();
            in.getInt();
            if (captured < 0 || captured > in.remaining()) {
                throw new IOException(file + " has a truncated record");
            }
            ByteBuffer frame = in.slice(in.position(), captured).order(ByteOrder.BIG_ENDIAN);
            in.position(in.position() + captured);
            int ip = ipv4Offset(frame, linkType);
            if (ip >= 0) {
                ByteBuffer udp = udpPayload(frame, ip);
                if (udp != null) {
                    payloads.add(udp);
                }
            }
        }
        return payloads;
    }

    private static int ipv4Offset(ByteBuffer frame, int linkType) {
        switch (linkType) {
            case LINK_RAW, LINK_IPV4:
                return 0;
            case LINK_LINUX_SLL:
                return frame.limit() >= 16 && (frame.getShort(14) & 0xFFFF) == ETHERTYPE_IPV4 ? 16 : -1;
            case LINK_ETHERNET:
                int offset = 12;
                while (frame.limit() >= offset + 2 && (frame.getShort(offset) & 0xFFFF) == ETHERTYPE_VLAN) {
                    offset += 4;
                }
                return frame.limit() >= offset + 2 && (frame.getShort(offset) & 0xFFFF) == ETHERTYPE_IPV4 ? offset + 2 : -1;
            default:
                throw new IllegalArgumentException("unsupported pcap link type " + linkType);
        }
    }

    private static ByteBuffer udpPayload(ByteBuffer frame, int ip) {
        if (frame.limit() < ip + 20 || (frame.get(ip) >> 4) != 4) {
            return null;
        }
        int headerLength = (frame.get(ip) & 0x0F) * 4;
        boolean fragment = (frame.getShort(ip + 6) & 0x3FFF) != 0;
        if ((frame.get(ip + 9) & 0xFF) != PROTOCOL_UDP || fragment) {
            return null;
        }
        int udp = ip + headerLength;
        if (frame.limit() < udp + 8) {
            return null;
        }
        int udpLength = frame.getShort(udp + 4) & 0xFFFF;
        int payloadLength = Math.min(udpLength - 8, frame.limit() - udp - 8);
        return payloadLength < 0 ? null : frame.slice(udp + 8, payloadLength);
    }
}
