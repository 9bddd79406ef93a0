package dev.swarmstack.swarm.compose;

import java.util.List;

/** Values that users, copy-paste and encodings produce, for the fuzz tests to put where a stack expects another. */
public final class OddValues {

  private static final List<String> STRINGS = List.of(
      "",
      " ",
      "-1",
      "0",
      "65536",
      "-9223372036854775809",
      "99999999999999999999999999",
      "1e400",
      "-1e-400",
      "NaN",
      ".inf",
      "0x1F",
      "0o17",
      "~",
      "null",
      "yes",
      "on",
      "80:80:80",
      "-1:80",
      "80-70:80",
      "::::",
      "[::1]:80:80",
      "0.0.0.0:99999:80/tcp",
      "8080:80/sctp/udp",
      "1-65536:1",
      "a:b:c:d",
      "/",
      "//",
      "../../etc/passwd",
      "/dev/null",
      "C:\\x",
      "1m30",
      "-1s",
      "9999999999h",
      "512Q",
      "0.5G",
      "${",
      "$${X}",
      "${X:?}",
      "${X:?must be set}",
      "${X:-${Y}}",
      "${1X}",
      "\u0000",
      "\uFEFF",
      "\uD83D\uDE00",
      "\uD800",
      "\u202Eevil",
      "\u2167",
      "\uFF11\uFF12\uFF13",
      "e\u0301",
      "\t\n",
      "name with spaces",
      "x".repeat(300),
      "UPPER_case-Mixed.1",
      "*",
      "&",
      "!!binary",
      "%TAG");

  private OddValues() {}

  public static String string(FuzzInput data) {
    return data.consumeBoolean() ? data.pickValue(STRINGS) : data.consumeString(40);
  }

  public static Long number(FuzzInput data) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> data.consumeLong();
      case 1 -> (long) data.consumeInt(-2, 2);
      case 2 ->
        data.pickValue(List.of(
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            (long) Integer.MIN_VALUE,
            (long) Integer.MAX_VALUE + 1,
            65535L,
            65536L,
            4294967296L));
      default -> (long) data.consumeInt(0, 70000);
    };
  }
}
