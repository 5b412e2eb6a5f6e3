/**
 * ACD: agents and their states, queues of waiting callers, and routing a caller to an agent.
 * The queue decides <em>who</em> gets a call; it asks an {@link org.popline.queue.AgentDialer}
 * (implemented by the SIP server) to ring that agent's phone, and knows nothing of SIP or media.
 */
package org.popline.queue;
