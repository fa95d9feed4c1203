package org.classbot.bridge.ros1;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;

/**
 * Calls the ROS 1 XML-RPC APIs (master and slave). Every ROS API returns
 * {@code [statusCode, statusMessage, value]}; this returns the value for code 1 and throws otherwise.
 */
final class RosRpc {

    /** The master or a node answered with code 0 (failure) or -1 (error). */
    static final class RosApiException extends IOException {
        RosApiException(String message) {
            super(message);
        }
    }

    private final XmlRpcClient client = new XmlRpcClient();
    private final int timeoutMillis;

    RosRpc(Duration timeout) {
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /**
     * @throws RosApiException when the peer answers with a failure code
     * @throws IOException     when the peer cannot be reached or answers something that is not ROS
     */
    Object call(URI uri, String method, Object... params) throws IOException {
        XmlRpcClientConfigImpl cfg = new XmlRpcClientConfigImpl();
        try {
            cfg.setServerURL(uri.toURL());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IOException("bad XML-RPC URI " + uri, e);
        }
        cfg.setConnectionTimeout(timeoutMillis);
        cfg.setReplyTimeout(timeoutMillis);
        cfg.setEncoding("UTF-8");
        Object reply;
        try {
            reply = client.execute(cfg, method, params);
        } catch (XmlRpcException e) {
            Throwable cause = e.linkedException != null ? e.linkedException : e.getCause();
            String why = cause == null ? e.getMessage()
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            throw new IOException(method + " failed: " + why, e);
        }
        if (!(reply instanceof Object[] triple) || triple.length != 3 || !(triple[0] instanceof Integer code)) {
            throw new IOException("XML-RPC " + method + " to " + uri + " gave a non-ROS reply: " + describe(reply));
        }
        if (code != 1) {
            throw new RosApiException(method + " at " + uri + " returned " + code + ": " + triple[1]);
        }
        return triple[2];
    }

    /** An XML-RPC array as a list of strings ({@code Object[]} of {@code String}). */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Object[] arr) {
            for (Object o : arr) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    static String describe(Object o) {
        if (o instanceof Object[] arr) {
            List<String> parts = new ArrayList<>();
            for (Object x : arr) {
                parts.add(describe(x));
            }
            return parts.toString();
        }
        return String.valueOf(o);
    }
}
