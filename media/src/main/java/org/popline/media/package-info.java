/**
 * RTP media for Popline calls.
 *
 * <p>Threading: a {@link org.popline.media.MediaEngine} runs exactly two threads,
 * whatever the number of calls. The {@code media-clock} thread wakes on absolute
 * 20 ms deadlines and sends the next frame of every started session in turn; a thread
 * per stream would multiply context switches and each would drift on its own, whereas
 * one clock keeps every stream on the same beat, reuses one send buffer and costs one
 * wake-up per 20 ms. The {@code media-receive} thread reads every session's RTP port
 * through one selector; it also relays a bridged leg's packets straight out on the other
 * leg ({@link org.popline.media.MediaBridge}), whose clock then stays quiet, because
 * waiting for the next tick would only add delay. Neither thread may block, so audio
 * sources hand out pre-encoded bytes and play futures are completed off the clock
 * thread. Callers
 * (call flows) block on those futures on their own threads.
 */
package org.popline.media;
