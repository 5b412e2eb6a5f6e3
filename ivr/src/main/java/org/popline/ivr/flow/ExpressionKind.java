package org.popline.ivr.flow;

/** The expression languages a flow file contains. */
public enum ExpressionKind {
    TEMPLATE,
    JSONPATH
}
