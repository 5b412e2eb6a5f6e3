/**
 * Several Popline nodes sharing one ACD in Redis: waiting callers by priority and arrival, agent
 * states, offers and reservations, each exclusive step one Lua script. Used only when
 * {@code cluster.redis} is configured.
 */
package org.popline.cluster;
