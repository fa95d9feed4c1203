package org.classbot.perception.tfjs;

import org.classbot.perception.tfjs.TfjsModel.Node;

/** Writes the ONNX nodes for one TF node (of an op it was registered for in {@link OpRegistry}). */
@FunctionalInterface
interface OpHandler {
    void emit(Node n);
}
