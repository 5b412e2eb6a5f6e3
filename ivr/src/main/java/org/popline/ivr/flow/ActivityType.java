package org.popline.ivr.flow;

/**
 * One kind of flow activity, one class each (the jambonz way: a small class per verb). Today a
 * type only declares its schema; the execution engine will add running it here.
 */
public interface ActivityType {
    ActivitySchema schema();

    default String name() {
        return schema().type();
    }
}
