package dev.swarmstack.swarm.maven.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line as compose writes it: one string ({@code <command>java -jar app.jar</command>}, split like
 * a shell would) or the exec form, one {@code <arg>} per argument
 * ({@code <command><arg>java</arg><arg>-jar</arg></command>}).
 */
public class CommandConfig {

  /** The command as one string. */
  String line;

  /** The command in exec form. */
  List<String> args = new ArrayList<>();

  /** Maven calls this for the string form. */
  public void set(String line) {
    this.line = line;
  }

  /** Maven calls this for each {@code <arg>} of the exec form. */
  public void addArg(String arg) {
    args.add(arg);
  }
}
