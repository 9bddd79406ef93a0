package dev.swarmstack.swarm.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows like the docker CLI's tables (Go's tabwriter with minimum width 10 and padding 3), so that
 * {@code swarm:ps} output reads like {@code docker stack ps}.
 */
public final class Table {

  private static final int MIN_WIDTH = 10;
  private static final int PADDING = 3;

  private Table() {}

  /** One string per line, header first; every column but the last padded to a common width. */
  public static List<String> render(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], Math.max(MIN_WIDTH, row.get(i).length() + PADDING));
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        boolean last = i == row.size() - 1;
        line.append(last ? row.get(i) : String.format("%-" + widths[i] + "s", row.get(i)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
