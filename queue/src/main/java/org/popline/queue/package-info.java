/**
 * ACD queue: agents, states, routing and waiting callers. Not built yet: see issue "ACD queue:
 * agent registration, routing, ring-no-answer, and bridged calls".
 */
package org.popline.queue;
