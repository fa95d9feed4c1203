package org.classbot.perception.tfjs;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The op handlers, by TF op name: the registry's keys are the supported ops (tf2onnx's
 * {@code tf_op} registry idea), so there is no separate list to keep in sync. Adding an op means one
 * handler in its family's {@code register} (plus a golden or unit case).
 */
final class OpRegistry {

    /** Every TF op the converter maps: the keys of the registry. */
    static final Set<String> SUPPORTED_OPS = Collections.unmodifiableSet(new TreeSet<>(create(null, null).keySet()));

    private OpRegistry() {
    }

    /** The handlers of one conversion, writing into {@code g} over the values of {@code l}. */
    static Map<String, OpHandler> create(GraphBuilder g, Layouts l) {
        Map<String, OpHandler> r = new HashMap<>();
        new ShapeOps(g, l).register(r);
        new ElementwiseOps(g, l).register(r);
        new ConvOps(g, l).register(r);
        new ReduceOps(g, l).register(r);
        return r;
    }
}
