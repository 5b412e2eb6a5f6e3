/**
 * RTCP (RFC 3550): our sender reports, the peer's reports about our stream, and the
 * reception statistics from which our report blocks about the peer's stream are made.
 *
 * <p>Nothing here owns a socket or a thread: {@link org.popline.media.rtcp.ReceptionStatistics}
 * is fed by whichever thread reads RTP, and {@link org.popline.media.rtcp.SenderReport}
 * writes into a buffer the caller sends.
 */
package org.popline.media.rtcp;
