package dev.swarmstack.swarm.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way docker's loader does (shell-like: blanks separate words,
 * quotes group, a backslash escapes the next character, {@code #} at a word start begins a comment).
 */
final class ShellWords {

  private ShellWords() {}

  /** @throws IllegalArgumentException for an unclosed quote or a trailing backslash */
  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '\\') {
        i = requireNext(text, i);
        word.append(text.charAt(i));
        inWord = true;
      } else if (c == '\'' || c == '"') {
        int close = closing(text, i, c);
        for (int j = i + 1; j < close; j++) {
          // inside double quotes a backslash still escapes; inside single quotes nothing does
          if (c == '"' && text.charAt(j) == '\\') {
            j++;
          }
          word.append(text.charAt(j));
        }
        i = close;
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static int requireNext(String text, int backslash) {
    if (backslash + 1 >= text.length()) {
      throw new IllegalArgumentException("EOF found after escape character in '" + text + "'");
    }
    return backslash + 1;
  }

  private static int closing(String text, int open, char quote) {
    for (int j = open + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\\' && quote == '"') {
        j = requireNext(text, j);
      } else if (c == quote) {
        return j;
      }
    }
    throw new IllegalArgumentException("EOF found when expecting closing quote in '" + text + "'");
  }
}
