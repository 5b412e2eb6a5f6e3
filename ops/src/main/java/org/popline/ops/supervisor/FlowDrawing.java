package org.popline.ops.supervisor;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.Flow;

/**
 * A flow drawn as SVG: each activity a box, each link an arrow labelled with its outcome, and each event handler
 * a rounded box leading to the activity it starts at; laid out by Eclipse ELK's layered algorithm. Boxes carry
 * {@code data-activity}, arrows {@code data-from} and {@code data-to}, so that the page can mark a call's path.
 */
public final class FlowDrawing {
    private static final double CHAR_WIDTH = 7.2;
    private static final double NODE_HEIGHT = 44;
    private static final double LABEL_HEIGHT = 14;
    private static final double MARGIN = 12;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private FlowDrawing() {
    }

    /** The SVG of {@code flow}: the main section from {@code start}, and one entry box per event handler. */
    public static synchronized String svg(Flow flow) {
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        graph.setProperty(CoreOptions.SPACING_NODE_NODE, 28.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 36.0);
        graph.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);

        Map<String, ElkNode> nodes = new HashMap<>();
        ElkNode start = node(graph, "start", "▶ start");
        nodes.put("▶start", start);
        for (Activity activity : flow.activities().values()) {
            nodes.put(activity.name(), node(graph, activity.name(), activity.type()));
        }
        edge(start, nodes.get(flow.start()), "", "");
        flow.events().forEach((event, first) -> {
            ElkNode entry = node(graph, "on " + event, "event handler");
            nodes.put("on " + event, entry);
            edge(entry, nodes.get(first), "", "");
        });
        for (Activity activity : flow.activities().values()) {
            activity.links().forEach((outcome, target) -> {
                ElkNode to = nodes.get(target);
                if (to != null) {
                    edge(nodes.get(activity.name()), to, outcome, activity.name());
                }
            });
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
        return render(graph, flow.name());
    }

    private static ElkNode node(ElkNode graph, String name, String type) {
        ElkNode node = ElkGraphUtil.createNode(graph);
        node.setIdentifier(name);
        node.setDimensions(Math.max(name.length(), type.length()) * CHAR_WIDTH + 2 * MARGIN, NODE_HEIGHT);
        ElkLabel label = ElkGraphUtil.createLabel(type, node);
        label.setIdentifier(type);
        return node;
    }

    private static void edge(ElkNode from, ElkNode to, String outcome, String fromActivity) {
        if (from == null || to == null) {
            return;
        }
        ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
        edge.setIdentifier(fromActivity);
        if (!outcome.isEmpty()) {
            ElkLabel label = ElkGraphUtil.createLabel(outcome, edge);
            label.setDimensions(outcome.length() * CHAR_WIDTH, LABEL_HEIGHT);
        }
    }

    private static String render(ElkNode graph, String flowName) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(java.util.Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\" data-flow=\"%s\" viewBox=\"0 0 %.0f %.0f\""
                        + " width=\"%.0f\" height=\"%.0f\">",
                escape(flowName), graph.getWidth(), graph.getHeight(), graph.getWidth(), graph.getHeight()));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\"/></marker></defs>");
        for (ElkEdge edge : graph.getContainedEdges()) {
            ElkNode from = (ElkNode) edge.getSources().get(0);
            ElkNode to = (ElkNode) edge.getTargets().get(0);
            svg.append("<g class=\"link\" data-from=\"").append(escape(from.getIdentifier()))
                    .append("\" data-to=\"").append(escape(to.getIdentifier())).append("\">");
            for (ElkEdgeSection section : edge.getSections()) {
                StringBuilder points = new StringBuilder();
                points.append(point(section.getStartX(), section.getStartY()));
                section.getBendPoints().forEach(b -> points.append(' ').append(point(b.getX(), b.getY())));
                points.append(' ').append(point(section.getEndX(), section.getEndY()));
                svg.append("<polyline marker-end=\"url(#arrow)\" points=\"").append(points).append("\"/>");
            }
            for (ElkLabel label : edge.getLabels()) {
                svg.append(String.format(java.util.Locale.ROOT, "<text class=\"outcome\" x=\"%.1f\" y=\"%.1f\">%s</text>",
                        label.getX(), label.getY() + LABEL_HEIGHT - 3, escape(label.getText())));
            }
            svg.append("</g>");
        }
        for (ElkNode node : graph.getChildren()) {
            String name = node.getIdentifier();
            boolean entry = name.startsWith("on ") || name.equals("start");
            svg.append(String.format(java.util.Locale.ROOT,
                    "<g class=\"%s\" data-activity=\"%s\" transform=\"translate(%.1f,%.1f)\">"
                            + "<rect width=\"%.1f\" height=\"%.1f\" rx=\"%d\"/>"
                            + "<text class=\"name\" x=\"%.1f\" y=\"18\">%s</text>"
                            + "<text class=\"type\" x=\"%.1f\" y=\"34\">%s</text></g>",
                    entry ? "entry" : "activity", escape(name), node.getX(), node.getY(), node.getWidth(),
                    node.getHeight(), entry ? 20 : 4, MARGIN, escape(name), MARGIN,
                    escape(node.getLabels().get(0).getText())));
        }
        return svg.append("</svg>").toString();
    }

    private static String point(double x, double y) {
        return String.format(java.util.Locale.ROOT, "%.1f,%.1f", x, y);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
