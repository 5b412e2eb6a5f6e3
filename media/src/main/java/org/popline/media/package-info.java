/**
 * RTP media for Popline calls.
 *
 * <p>Threading: a {@link org.popline.media.MediaEngine} runs a fixed set of threads,
 * whatever the number of calls. The {@code media-clock-N} threads (one per core by default)
 * wake on absolute 20 ms deadlines and send the next frame of each of their sessions; a
 * session stays on one clock thread for life, in one of four 5 ms slots of the period, so
 * a tick's sends are spread out and a stall delays only some of the streams. A thread per
 * stream would multiply context switches and each would drift on its own, whereas a few
 * clocks keep every stream on the same beat, reuse one send buffer each and cost a handful
 * of wake-ups per 20 ms. The {@code media-receive} thread reads every session's RTP port
 * through one selector; it also relays a bridged leg's packets straight out on the other
 * leg ({@link org.popline.media.MediaBridge}), whose clock then stays quiet, because
 * waiting for the next tick would only add delay. None of these threads may block, so audio
 * sources hand out pre-encoded bytes and play futures are completed off the clock
 * threads. Callers (call flows) block on those futures on their own threads.
 */
package org.popline.media;
