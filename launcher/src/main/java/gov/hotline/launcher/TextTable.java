package gov.hotline.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table whose columns line up on a terminal, Chinese text included: CJK characters
 * take two columns, so widths are counted in display columns, not in chars.
 */
public final class TextTable {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  public TextTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "expected " + headers.size() + " cells, got " + Arrays.toString(cells));
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "-" : oneLine(String.valueOf(cell)));
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** Renders header, rule and rows; every line ends with a newline, no trailing blanks. */
  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = displayWidth(headers.get(i));
    }
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], displayWidth(row.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    for (int i = 0; i < widths.length; i++) {
      out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        line.append(" | ");
      }
      line.append(cells.get(i));
      if (i < widths.length - 1) {
        line.append(" ".repeat(widths[i] - displayWidth(cells.get(i))));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  /** Terminal columns taken by {@code text}: two for East Asian wide characters, else one. */
  public static int displayWidth(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += isWide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width;
  }

  /** Cuts {@code text} to at most {@code maxWidth} columns, marking the cut with an ellipsis. */
  public static String truncate(String text, int maxWidth) {
    if (displayWidth(text) <= maxWidth) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int w = isWide(cp) ? 2 : 1;
      if (width + w > maxWidth - 1) {
        break;
      }
      out.appendCodePoint(cp);
      width += w;
      i += Character.charCount(cp);
    }
    return out.append('…').toString();
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0x303E)
        || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xA000 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
