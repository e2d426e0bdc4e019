/* The mqttas command-line tool: `java -jar mqttas-cli.jar <command> [args]`. */
package io.mqttas.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code mqttas-cli.jar}. Subcommands are looked up by name in {@link #COMMANDS};
 * adding one (e.g. {@code pub}, {@code sub}) is one class implementing {@link Command} and one
 * line here.
 */
public final class Main {
    private Main() {
    }

    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    static {
        COMMANDS.put("selfcheck", new SelfCheck());
        COMMANDS.put("decode", new DecodeHex());
        COMMANDS.put("pub", new Pub());
        COMMANDS.put("sub", new Sub());
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Dispatches to the named command; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("-h") || args.get(0).equals("--help")) {
            help(args.isEmpty() ? err : out);
            return args.isEmpty() ? Command.USAGE : Command.OK;
        }
        Command command = COMMANDS.get(args.get(0));
        if (command == null) {
            err.println("mqttas-cli: unknown command '" + args.get(0) + "'");
            help(err);
            return Command.USAGE;
        }
        return command.run(args.subList(1, args.size()), out, err);
    }

    private static void help(PrintStream s) {
        s.println("usage: java -jar mqttas-cli.jar <command> [args]");
        for (Map.Entry<String, Command> e : COMMANDS.entrySet()) {
            s.printf("  %-28s %s%n", e.getKey() + " " + e.getValue().usage(), e.getValue().summary());
        }
    }
}
