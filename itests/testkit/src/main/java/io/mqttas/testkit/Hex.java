// Test kit: hex helpers for byte-exact protocol scripts and readable mismatch messages.
package io.mqttas.testkit;

import java.io.ByteArrayOutputStream;

/** Hex parsing (whitespace, ':' and '_' ignored) and formatting. */
public final class Hex {
  private Hex() {}

  /** Parses "10 0c 00 04 'M' ..." style hex: pairs of hex digits, separators ignored. */
  public static byte[] parse(String hex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int hi = -1;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (Character.isWhitespace(c) || c == ':' || c == '_' || c == ',') {
        continue;
      }
      int v = Character.digit(c, 16);
      if (v < 0) {
        throw new IllegalArgumentException("not a hex digit '" + c + "' at index " + i + " in: " + hex);
      }
      if (hi < 0) {
        hi = v;
      } else {
        out.write(hi << 4 | v);
        hi = -1;
      }
    }
    if (hi >= 0) {
      throw new IllegalArgumentException("odd number of hex digits in: " + hex);
    }
    return out.toByteArray();
  }

  /** "10 0c 00 04" (lower case, space separated). */
  public static String format(byte[] bytes) {
    return format(bytes, 0, bytes.length);
  }

  public static String format(byte[] bytes, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(' ');
      }
      sb.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return sb.toString();
  }

  /**
   * A diff for assertion messages: both byte strings, the index of the first difference and the
   * bytes around it.
   */
  public static String diff(byte[] expected, byte[] actual) {
    int n = Math.min(expected.length, actual.length);
    int first = n;
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual[i]) {
        first = i;
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("expected (").append(expected.length).append(" bytes): ").append(format(expected)).append('\n');
    sb.append("actual   (").append(actual.length).append(" bytes): ").append(format(actual)).append('\n');
    if (first == n && expected.length == actual.length) {
      sb.append("identical");
    } else {
      sb.append("first difference at byte ").append(first);
      sb.append(": expected ").append(first < expected.length ? format(expected, first, Math.min(expected.length, first + 8)) : "<end>");
      sb.append(", actual ").append(first < actual.length ? format(actual, first, Math.min(actual.length, first + 8)) : "<end>");
    }
    return sb.toString();
  }
}
