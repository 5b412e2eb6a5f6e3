package org.popline.ivr;

import java.util.concurrent.CompletableFuture;

/**
 * A caller waiting in a queue.
 *
 * @param agentAnswered completes with the agent's id when an agent answers; exceptionally with a
 *     {@link QueueException} when the queue gives up (maximum wait); cancelled if the call ends first
 */
public record QueueEntry(String queue, CompletableFuture<String> agentAnswered) {
}
