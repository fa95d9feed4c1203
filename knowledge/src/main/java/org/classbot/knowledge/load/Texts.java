package org.classbot.knowledge.load;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text clean-up shared by the loaders. */
final class Texts {
    private Texts() {
    }

    /** UTF-8 (with or without BOM); files saved by Chinese Windows editors often are GB18030, tried next. */
    static String decode(byte[] bytes) {
        int off = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer buf = ByteBuffer.wrap(bytes, off, bytes.length - off);
        try {
            return strict(StandardCharsets.UTF_8).decode(buf).toString();
        } catch (CharacterCodingException e) {
            try {
                return strict(Charset.forName("GB18030")).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e2) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }

    private static java.nio.charset.CharsetDecoder strict(Charset cs) {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    static String normalizeSpaces(String s) {
        return s == null ? "" : s.replace('\u00A0', ' ').replace('\u3000', ' ').replaceAll("[ \\t\\x0B\\f\\r]+", " ").strip();
    }

    /** Trims every line, drops runs of blank lines down to one. */
    static String normalizeBlock(String s) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : s.split("\\R", -1)) {
            String l = normalizeSpaces(line);
            if (l.isEmpty()) {
                blank = out.length() > 0;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank ? "\n\n" : "\n");
            }
            out.append(l);
            blank = false;
        }
        return out.toString();
    }
}
