// Issue 3 item 17: the results as markdown — values per scenario and client, then ratios to the
// raw-socket ceiling and to Paho.
package io.mqttas.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Scenario rows × client columns. */
public final class ResultTable {

  /** Whether a bigger number is better (throughput) or worse (latency, recovery time). */
  enum Better { HIGHER, LOWER }

  private final List<String> clients = new ArrayList<>();
  private final Map<String, Better> rows = new LinkedHashMap<>();
  private final Map<String, Map<String, Measurement>> cells = new LinkedHashMap<>();

  void addClient(String name) {
    if (!clients.contains(name)) {
      clients.add(name);
    }
  }

  void put(String row, Better better, String client, Measurement m) {
    rows.putIfAbsent(row, better);
    addClient(client);
    cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(client, m);
  }

  /** The cell, or null when the scenario did not run for that client. */
  public Measurement get(String row, String client) {
    Map<String, Measurement> r = cells.get(row);
    return r == null ? null : r.get(client);
  }

  public List<String> rows() {
    return new ArrayList<>(rows.keySet());
  }

  public List<String> clients() {
    return List.copyOf(clients);
  }

  /** Medians, their ranges, then ratios to {@code raw} and {@code paho} (columns named as the factories). */
  public String markdown(String raw, String paho) {
    StringBuilder sb = new StringBuilder();
    header(sb, "Scenario");
    for (String row : rows.keySet()) {
      sb.append("| ").append(row);
      for (String c : clients) {
        Measurement m = get(row, c);
        sb.append(" | ").append(m == null ? "–" : m.ok() ? number(m.value) : m.note);
      }
      sb.append(" |\n");
    }
    sb.append("\nRange (min–max) over the repeats:\n\n");
    header(sb, "Scenario");
    for (String row : rows.keySet()) {
      sb.append("| ").append(row);
      for (String c : clients) {
        Measurement m = get(row, c);
        sb.append(" | ").append(m == null || !m.ok() ? "–" : number(m.min) + "–" + number(m.max));
      }
      sb.append(" |\n");
    }
    sb.append("\nRatios of the reported values: client ÷ ").append(raw).append(" and client ÷ ").append(paho)
        .append(" (for msg/s higher is better; for µs and ms lower is better).\n\n");
    header(sb, "Scenario");
    for (String row : rows.keySet()) {
      sb.append("| ").append(row);
      for (String c : clients) {
        sb.append(" | ").append(ratio(row, c, raw)).append(" / ").append(ratio(row, c, paho));
      }
      sb.append(" |\n");
    }
    return sb.toString();
  }

  private void header(StringBuilder sb, String first) {
    sb.append("| ").append(first);
    for (String c : clients) {
      sb.append(" | ").append(c);
    }
    sb.append(" |\n|---");
    for (int i = 0; i < clients.size(); i++) {
      sb.append("|---:");
    }
    sb.append("|\n");
  }

  private String ratio(String row, String client, String base) {
    Measurement m = get(row, client);
    Measurement b = get(row, base);
    if (m == null || b == null || !m.ok() || !b.ok() || b.value == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f×", m.value / b.value);
  }

  private static String number(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
