package dev.swarmstack.swarm.problem;

import java.util.Locale;

/**
 * How the user's front end names the settings and commands that core messages point to, so that a pom user reads
 * {@code swarm.rotate=true or <rotate>true</rotate>} and anyone else a plain {@code --rotate=true}. The caller gives
 * it with the workflow's log ({@code DeployLog#terms()}), so that the core needn't spell a front end's names.
 */
public interface UserTerms {

  /** The setting, to look up or to give a value of one's own: {@code swarm.timeout or <timeout>}. */
  String name(Setting setting);

  /** The setting with a value: {@code swarm.rollback=false or <rollback>false</rollback>}. */
  String set(Setting setting, String value);

  /** The command to run: {@code swarm:rm}. */
  String run(Command command);

  /** Option-style names ({@code --lock-timeout}, {@code the rm command}), for callers without a front end of their own. */
  UserTerms NEUTRAL = new UserTerms() {
    @Override
    public String name(Setting setting) {
      return "--" + setting.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String set(Setting setting, String value) {
      return name(setting) + "=" + value;
    }

    @Override
    public String run(Command command) {
      return "the " + command.name().toLowerCase(Locale.ROOT) + " command";
    }
  };
}
