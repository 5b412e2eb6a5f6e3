package org.popline.app.config;

import java.util.Optional;
import org.popline.cluster.ClusterSettings;

/**
 * This node's name and, when {@code cluster.redis} is set, how it shares the ACD with other nodes.
 *
 * @param nodeName {@code node.name}: what call records and the cluster call this node (default: the host name)
 * @param shared empty: one process, the in-memory ACD
 */
public record ClusterConfig(String nodeName, Optional<ClusterSettings> shared) {
}
